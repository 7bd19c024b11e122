using System.Diagnostics;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>Runs kcat, the third-party Kafka client from Debian's packages.</summary>
public static class Kcat
{
    public static async Task<string> Run(string input, params string[] arguments)
    {
        var info = new ProcessStartInfo("kcat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kcat is not installed: install it with 'apt-get install kcat' (the README's test command does).", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kcat {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
            }

            return await output;
        }
    }
}
