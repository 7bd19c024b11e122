namespace StreamEngine.Bench;

/// <summary>
/// Ages of records, in milliseconds, when they reach the end of a path. Single writer: call it from one stage or one thread.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly int[] _samples = new int[capacity];
    private int _count;

    public void Record(long timestampMs)
    {
        if (_count < _samples.Length)
        {
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
        return new LatencySummary(_count, At(sorted, 0.50), At(sorted, 0.99), sorted[^1]);
    }

    private static int At(int[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
