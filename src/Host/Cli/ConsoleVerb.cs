namespace StreamEngine.Host.Cli;

/// <summary>Runs a CLI verb on the console, Ctrl+C cancelling the verb's token so that it can end with its summary.</summary>
public static class ConsoleVerb
{
    /// <param name="verb">Runs with the console's output and error writers and the Ctrl+C token; returns the exit code.</param>
    public static async Task<int> Run(Func<TextWriter, TextWriter, CancellationToken, Task<int>> verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await verb(Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
