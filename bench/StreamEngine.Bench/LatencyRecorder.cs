namespace StreamEngine.Bench;

/// <summary>
/// Ages of records, in milliseconds, when they reach the end of a path. Single writer: call it from one stage or one thread.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly int[] _samples = new int[capacity];
    private readonly long[] _written = new long[capacity];
    private int _count;

    public void Record(long timestampMs)
    {
        if (_count < _samples.Length)
        {
            _written[_count] = timestampMs;
            _samples[_count++] = (int)Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - timestampMs);
        }
    }

    public LatencySummary Summarize()
    {
        if (_count == 0)
        {
            return default;
        }

        var sorted = _samples.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        var written = Enumerable.Range(0, _count).Select(i => (_written[i], _samples[i])).ToList();
        return new LatencySummary(_count, LatencyPeriods.At(sorted, 0.50), LatencyPeriods.At(sorted, 0.99), sorted[^1], LatencyPeriods.ByPeriod(written));
    }
}
