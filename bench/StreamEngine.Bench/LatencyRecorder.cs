using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>
/// Ages of records, in milliseconds, when they reach the end of a path. Single writer: call it from one stage or one thread.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private const long PeriodMs = 5_000;

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
        return new LatencySummary(_count, At(sorted, 0.50), At(sorted, 0.99), sorted[^1], ByPeriod());
    }

    /// <summary>
    /// The p50/p99 of the records written (Kafka timestamp) in each 5 s of the run: tells a start-up backlog from the
    /// steady state.
    /// </summary>
    private string ByPeriod()
    {
        var start = _written.AsSpan(0, _count).ToArray().Min();
        var periods = new SortedDictionary<long, List<int>>();
        for (var i = 0; i < _count; i++)
        {
            var period = (_written[i] - start) / PeriodMs;
            if (!periods.TryGetValue(period, out var ages))
            {
                periods[period] = ages = [];
            }

            ages.Add(_samples[i]);
        }

        return string.Join(", ", periods.Select(p =>
        {
            var ages = p.Value.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{p.Key * PeriodMs / 1000}–{(p.Key + 1) * PeriodMs / 1000} s {At(ages, 0.50)}/{At(ages, 0.99)}");
        }));
    }

    private static int At(int[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
