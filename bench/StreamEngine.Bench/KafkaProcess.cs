using System.Diagnostics;
using System.Globalization;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// The embedded Kafka backbone in a child process (this program in <see cref="BenchMode.Kafka"/>), with the Twilio
/// and legacy stand-ins, so that the engine node's working set is measured without the mock cluster, which keeps
/// every record in memory, and without the HTTP servers that a real deployment has elsewhere. Disposing
/// closes the child's standard input, which stops it.
/// </summary>
internal sealed class KafkaProcess : IDisposable
{
    private const string ReadyPrefix = "kafka listening on ";
    private const string StandInsPrefix = "http stand-ins on ";
    private readonly Process _process;

    private KafkaProcess(Process process, string bootstrapServers, Uri standIns)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
        StandIns = standIns;
    }

    public string BootstrapServers { get; }

    /// <summary>Where the child serves the Twilio and legacy stand-ins (<see cref="HttpStandIns"/>), out of the node's process as a real Twilio and legacy API are.</summary>
    public Uri StandIns { get; }

    /// <summary>The child's peak resident memory (VmHWM), in bytes.</summary>
    public long PeakResidentBytes =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();

    /// <summary>The CPU time the child has used so far, all its threads.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<KafkaProcess> Start(int partitions)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // A native profiler preloaded into the bench (heaptrack) must not follow it into the child.
        start.Environment.Remove("LD_PRELOAD");
        foreach (var argument in new[] { typeof(KafkaProcess).Assembly.Location, "--mode", "kafka", "--partitions", partitions.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Kafka child process.");
        string? bootstrap = null;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                bootstrap = line[ReadyPrefix.Length..];
            }
            else if (line.StartsWith(StandInsPrefix, StringComparison.Ordinal) && bootstrap is not null)
            {
                return new KafkaProcess(process, bootstrap, new Uri(line[StandInsPrefix.Length..]));
            }
        }

        throw new InvalidOperationException($"The Kafka child process ended (exit code {process.ExitCode}) before it listened.");
    }

    /// <summary><see cref="BenchMode.Kafka"/>: runs the backbone and the HTTP stand-ins until standard input ends.</summary>
    public static async Task<int> Serve(BenchOptions options)
    {
        using var kafka = await KafkaBackbone.Start(
            new KafkaSettings { Embedded = new EmbeddedKafkaSettings { Port = 0 }, Topics = new TopicSettings { Partitions = options.Partitions } },
            CancellationToken.None).ConfigureAwait(false);
        await using var standIns = await HttpStandIns.Start(TimeSpan.Zero).ConfigureAwait(false);
        Console.WriteLine(ReadyPrefix + kafka.ListenAddresses);
        Console.WriteLine(StandInsPrefix + standIns.BaseUrl);
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
