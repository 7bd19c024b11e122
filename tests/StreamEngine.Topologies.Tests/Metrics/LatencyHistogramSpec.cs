using System.Diagnostics;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Topologies.Tests.Metrics;

public sealed class LatencyHistogramSpec
{
    [Theory]
    [InlineData(0.5, 500)]
    [InlineData(0.99, 990)]
    [InlineData(1.0, 1_000)]
    public void A_percentile_is_never_below_the_true_value_and_at_most_one_bucket_above(double quantile, double trueMs)
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1_000; ms++)
        {
            histogram.Record(Ticks(ms));
        }

        var reported = histogram.PercentileMs(quantile);

        Assert.InRange(reported, trueMs, trueMs * 1.125);
    }

    [Fact]
    public void Microsecond_durations_keep_their_resolution()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(Ticks(0.003));

        Assert.InRange(histogram.PercentileMs(0.5), 0.003, 0.004);
    }

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        Assert.Equal(0, new LatencyHistogram().PercentileMs(0.99));
    }

    [Fact]
    public void No_record_is_lost_when_many_threads_record_at_once()
    {
        var histogram = new LatencyHistogram();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                histogram.Record(Ticks(t + 1));
            }
        });

        Assert.Equal(800_000, histogram.Count);
        Assert.InRange(histogram.PercentileMs(1.0), 8, 9);
    }

    private static long Ticks(double ms) => (long)(ms * Stopwatch.Frequency / 1_000);
}
