using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>Quantiles of latency samples, overall and by the 5 s of the run in which each record was written.</summary>
internal static class LatencyPeriods
{
    private const long PeriodMs = 5_000;

    /// <summary>The value at <paramref name="quantile"/> of samples sorted ascending.</summary>
    public static int At(int[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    /// <summary>
    /// "0–5 s p50/p99, 5–10 s …": the p50/p99 of the samples whose record was written (Kafka timestamp) in each 5 s of
    /// the run, which tells a start-up backlog from the steady state.
    /// </summary>
    public static string ByPeriod(IReadOnlyCollection<(long WrittenMs, int AgeMs)> samples)
    {
        var start = samples.Min(s => s.WrittenMs);
        return string.Join(", ", samples
            .GroupBy(s => (s.WrittenMs - start) / PeriodMs)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ages = g.Select(s => s.AgeMs).Order().ToArray();
                return string.Create(CultureInfo.InvariantCulture, $"{g.Key * PeriodMs / 1000}–{(g.Key + 1) * PeriodMs / 1000} s {At(ages, 0.50)}/{At(ages, 0.99)}");
            }));
    }
}
