using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The real <c>streamengine</c> executable, started as a separate process, its output captured.</summary>
public sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private EngineProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the engine built beside the tests.</summary>
    public static EngineProcess Start(params string[] arguments) => StartFrom(AppContext.BaseDirectory, arguments);

    /// <summary>Starts the <c>streamengine.dll</c> in <paramref name="directory"/> (e.g. a published node), in that directory.</summary>
    public static EngineProcess StartFrom(string directory, params string[] arguments)
    {
        var engine = Path.Combine(directory, "streamengine.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(engine);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new EngineProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {engine}."));
    }

    /// <summary>Waits until the output contains the text; fails with the output so far if the process ends or time runs out.</summary>
    public Task WaitForOutput(string text, TimeSpan timeout) =>
        WaitForOutput(output => output.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    /// <summary>Waits until the output holds a match of <paramref name="pattern"/>; fails when the process ends first.</summary>
    public Task WaitForOutput(Regex pattern, TimeSpan timeout) =>
        WaitForOutput(pattern.IsMatch, $"anything matching '{pattern}'", timeout);

    /// <summary>Waits until <paramref name="printed"/> holds for the whole output so far; fails, naming <paramref name="what"/>, when the process ends first.</summary>
    public async Task WaitForOutput(Func<string, bool> printed, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(printed);
        var deadline = DateTime.UtcNow + timeout;
        while (!printed(Output))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"streamengine did not print {what}. Its output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends Ctrl+C (SIGINT) and waits for the process to end.</summary>
    public async Task Interrupt(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExit(timeout);
    }

    /// <summary>Waits for the process to end and its output to be read to the end; fails when time runs out first.</summary>
    public async Task WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    /// <summary>Kills the process outright (SIGKILL): no shutdown code runs, nothing in flight is drained or committed.</summary>
    public void KillAbruptly()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
