using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Abstractions.Tests.Metrics;

public sealed class RangeAggregatorSpec
{
    private static readonly long T0 = SamplingSpec.Ms("2024-01-01T00:00:00Z");

    // Seconds after T0 → value: 40 s and 50 s, 70 s and 100 s; a long among doubles.
    private static readonly TimestampedValue[] Points =
    [
        At(40, 1.0),
        At(50, 2.0),
        new(T0 + 70_000, MetricValue.Of(3L)),
        At(100, 4.0),
    ];

    private static readonly long QueryStart = T0 + 30_000;

    [Theory]
    [InlineData(AggregatorKind.Avg, 2.0, 4.0)]
    [InlineData(AggregatorKind.Sum, 6.0, 4.0)]
    [InlineData(AggregatorKind.Min, 1.0, 4.0)]
    [InlineData(AggregatorKind.Max, 3.0, 4.0)]
    [InlineData(AggregatorKind.First, 1.0, 4.0)]
    [InlineData(AggregatorKind.Last, 3.0, 4.0)]
    public void Ranges_start_at_the_query_start_and_values_become_doubles(AggregatorKind kind, double first, double second)
    {
        var result = new RangeAggregator(kind, Sampling.Of(SamplingUnit.Minutes)).Aggregate(Points, QueryStart);

        Assert.Equal([first, second], result.Select(p => p.Value.DoubleValue));
        Assert.All(result, p => Assert.False(p.Value.IsLong));
    }

    [Fact]
    public void Count_counts_each_range_as_a_long()
    {
        var result = new RangeAggregator(AggregatorKind.Count, Sampling.Of(SamplingUnit.Minutes)).Aggregate(Points, QueryStart);

        Assert.Equal([MetricValue.Of(3L), MetricValue.Of(1L)], result.Select(p => p.Value));
    }

    [Fact]
    public void A_range_carries_its_first_points_time_and_last_carries_its_last_points_time()
    {
        var sampling = Sampling.Of(SamplingUnit.Minutes);

        Assert.Equal([T0 + 40_000, T0 + 100_000], new RangeAggregator(AggregatorKind.Avg, sampling).Aggregate(Points, QueryStart).Select(p => p.TimestampMs));
        Assert.Equal([T0 + 40_000, T0 + 100_000], new RangeAggregator(AggregatorKind.First, sampling).Aggregate(Points, QueryStart).Select(p => p.TimestampMs));
        Assert.Equal([T0 + 70_000, T0 + 100_000], new RangeAggregator(AggregatorKind.Last, sampling).Aggregate(Points, QueryStart).Select(p => p.TimestampMs));
    }

    [Fact]
    public void Align_sampling_lays_ranges_on_whole_minutes()
    {
        var aggregator = new RangeAggregator(AggregatorKind.Sum, Sampling.Of(SamplingUnit.Minutes)) { AlignSampling = true };

        var result = aggregator.Aggregate(Points, QueryStart);

        Assert.Equal([3.0, 7.0], result.Select(p => p.Value.DoubleValue));
        Assert.Equal([T0 + 40_000, T0 + 70_000], result.Select(p => p.TimestampMs));
    }

    [Fact]
    public void Align_start_time_gives_each_range_its_start()
    {
        var unaligned = new RangeAggregator(AggregatorKind.Sum, Sampling.Of(SamplingUnit.Minutes)) { AlignStartTime = true };
        var aligned = unaligned with { AlignSampling = true };

        Assert.Equal([T0 + 30_000, T0 + 90_000], unaligned.Aggregate(Points, QueryStart).Select(p => p.TimestampMs));
        Assert.Equal([T0, T0 + 60_000], aligned.Aggregate(Points, QueryStart).Select(p => p.TimestampMs));
    }

    [Fact]
    public void Align_end_time_aligns_the_ranges_and_gives_each_the_start_of_the_next()
    {
        var aggregator = new RangeAggregator(AggregatorKind.Last, Sampling.Of(SamplingUnit.Minutes)) { AlignEndTime = true };

        var result = aggregator.Aggregate(Points, QueryStart);

        Assert.Equal([T0 + 60_000, T0 + 120_000], result.Select(p => p.TimestampMs));
        Assert.Equal([2.0, 4.0], result.Select(p => p.Value.DoubleValue));
    }

    [Fact]
    public void Ranges_without_points_yield_nothing()
    {
        TimestampedValue[] sparse = [At(0, 1), At(1, 2), At(3_600, 3), At(7_250, 4)];

        var result = new RangeAggregator(AggregatorKind.Count, new Sampling(10, SamplingUnit.Minutes)) { AlignStartTime = true }.Aggregate(sparse, T0);

        Assert.Equal([T0, T0 + 3_600_000, T0 + 7_200_000], result.Select(p => p.TimestampMs));
        Assert.Equal([2L, 1L, 1L], result.Select(p => p.Value.LongValue));
    }

    [Fact]
    public void Month_sampling_follows_the_calendar()
    {
        TimestampedValue[] points =
        [
            new(SamplingSpec.Ms("2024-01-20T00:00:00Z"), MetricValue.Of(1L)),
            new(SamplingSpec.Ms("2024-02-03T00:00:00Z"), MetricValue.Of(2L)),
            new(SamplingSpec.Ms("2024-02-29T23:59:59Z"), MetricValue.Of(3L)),
            new(SamplingSpec.Ms("2024-03-01T00:00:00Z"), MetricValue.Of(4L)),
        ];
        var aggregator = new RangeAggregator(AggregatorKind.Sum, Sampling.Of(SamplingUnit.Months)) { AlignSampling = true, AlignStartTime = true };

        var result = aggregator.Aggregate(points, SamplingSpec.Ms("2024-01-15T10:00:00Z"));

        Assert.Equal(
            [SamplingSpec.Ms("2024-01-01T00:00:00Z"), SamplingSpec.Ms("2024-02-01T00:00:00Z"), SamplingSpec.Ms("2024-03-01T00:00:00Z")],
            result.Select(p => p.TimestampMs));
        Assert.Equal([1.0, 5.0, 4.0], result.Select(p => p.Value.DoubleValue));
    }

    [Fact]
    public void No_points_aggregate_to_no_points()
    {
        Assert.Empty(new RangeAggregator(AggregatorKind.Avg, Sampling.Of(SamplingUnit.Days)).Aggregate([], T0));
    }

    private static TimestampedValue At(long seconds, double value) => new(T0 + (seconds * 1000), MetricValue.Of(value));
}
