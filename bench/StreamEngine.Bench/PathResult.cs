namespace StreamEngine.Bench;

/// <summary>One measured path.</summary>
/// <param name="Path">What ran.</param>
/// <param name="Records">Records it got through.</param>
/// <param name="Startup">From start until the first record (client creation, group join, first fetch).</param>
/// <param name="Run">From the first record until the last one was done.</param>
/// <param name="Latency">Record age at the end of the path, when measured.</param>
/// <param name="Cpu">Where the process spent CPU from start to finish (see <see cref="ThreadCpu"/>).</param>
/// <param name="Outcome">What the path did outside Kafka (SMS sent, posts made), when that is worth telling.</param>
internal sealed record PathResult(
    string Path, long Records, TimeSpan Startup, TimeSpan Run, LatencySummary? Latency = null, string? Cpu = null, string? Outcome = null)
{
    /// <summary>Records per second from the first record to the last.</summary>
    public double RecordsPerSecond => Run > TimeSpan.Zero ? Records / Run.TotalSeconds : 0;

    /// <summary>Records per second from start, startup included.</summary>
    public double RecordsPerSecondWithStartup => Records / (Startup + Run).TotalSeconds;
}
