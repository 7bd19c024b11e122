using System.Diagnostics;

namespace StreamEngine.Bench;

/// <summary>Times a path: started, first record seen, finished.</summary>
internal sealed class PathClock
{
    private readonly ThreadCpu _cpu = ThreadCpu.Take();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _firstRecord;

    /// <summary>Marks the first record; later calls do nothing. Safe from any thread.</summary>
    public void FirstRecord()
    {
        if (Volatile.Read(ref _firstRecord) == 0)
        {
            Interlocked.CompareExchange(ref _firstRecord, Stopwatch.GetTimestamp(), 0);
        }
    }

    public PathResult Finish(string path, long records, LatencySummary? latency = null)
    {
        var now = Stopwatch.GetTimestamp();
        var first = Volatile.Read(ref _firstRecord);
        if (first == 0)
        {
            first = now;
        }

        return new PathResult(path, records, Stopwatch.GetElapsedTime(_started, first), Stopwatch.GetElapsedTime(first, now), latency, _cpu.Since());
    }
}
