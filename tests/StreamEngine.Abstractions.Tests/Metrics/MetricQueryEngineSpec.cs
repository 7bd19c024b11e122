using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Abstractions.Tests.Metrics;

public sealed class MetricQueryEngineSpec
{
    private const long T0 = 1_704_067_200_000;

    private static readonly MetricSeries[] Fleet =
    [
        Series(device: "1", site: "a", values: [10, 11, 12]),
        Series(device: "2", site: "a", values: [20, 21, 22]),
        Series(device: "3", site: "b", values: [30, 31, 32]),
    ];

    private static MetricQuery Temperature => new("temperature", T0, T0 + 10_000);

    [Fact]
    public void A_tag_filter_with_several_values_keeps_series_with_any_of_them()
    {
        var result = MetricQueryEngine.Run(Temperature.WithTag("device_id", "1", "3"), Fleet);

        var only = Assert.Single(result.Results);
        Assert.Null(only.TagGroup);
        Assert.Equal(["1", "3"], only.Tags["device_id"]);
        Assert.Equal(["a", "b"], only.Tags["site"]);
        Assert.Equal([10L, 30L, 11L, 31L, 12L, 32L], only.Values.Select(v => v.Value.LongValue));
        Assert.Equal(6, result.SampleSize);
    }

    [Fact]
    public void Filters_on_several_tags_must_all_pass()
    {
        var result = MetricQueryEngine.Run(Temperature.WithTag("site", "a").WithTag("device_id", "2", "3"), Fleet);

        Assert.Equal(["2"], Assert.Single(result.Results).Tags["device_id"]);
    }

    [Fact]
    public void Group_by_tags_gives_one_result_per_group_with_its_tag_group()
    {
        var result = MetricQueryEngine.Run(Temperature with { GroupByTags = ["site"] }, Fleet);

        Assert.Equal(2, result.Results.Count);
        var a = result.Results[0];
        Assert.Equal(["site"], a.TagGroup!.Tags);
        Assert.Equal("a", a.TagGroup.Group["site"]);
        Assert.Equal(["1", "2"], a.Tags["device_id"]);
        Assert.Equal(6, a.Values.Count);
        Assert.Equal("b", result.Results[1].TagGroup!.Group["site"]);
        Assert.Equal("number", a.Type);
    }

    [Fact]
    public void Group_by_aggregates_each_group_alone()
    {
        var query = Temperature with
        {
            GroupByTags = ["site"],
            Aggregators = [new RangeAggregator(AggregatorKind.Max, Sampling.Of(SamplingUnit.Hours))],
        };

        var result = MetricQueryEngine.Run(query, Fleet);

        Assert.Equal([22.0, 32.0], result.Results.Select(r => Assert.Single(r.Values).Value.DoubleValue));
    }

    [Fact]
    public void Limit_keeps_the_first_points_ascending_and_the_last_points_descending()
    {
        var query = Temperature.WithTag("device_id", "1") with { Limit = 2 };

        var ascending = MetricQueryEngine.Run(query, Fleet);
        var descending = MetricQueryEngine.Run(query with { Order = SortOrder.Descending }, Fleet);

        Assert.Equal([10L, 11L], ascending.Results[0].Values.Select(v => v.Value.LongValue));
        Assert.Equal([12L, 11L], descending.Results[0].Values.Select(v => v.Value.LongValue));
        Assert.Equal(2, descending.SampleSize);
    }

    [Fact]
    public void Limit_applies_before_aggregation_and_order_to_the_aggregated_values()
    {
        var query = Temperature.WithTag("device_id", "1") with
        {
            Limit = 2,
            Order = SortOrder.Descending,
            Aggregators = [new RangeAggregator(AggregatorKind.Count, Sampling.Of(SamplingUnit.Seconds))],
        };

        var result = MetricQueryEngine.Run(query, Fleet);

        Assert.Equal([T0 + 2_000, T0 + 1_000], result.Results[0].Values.Select(v => v.TimestampMs));
        Assert.All(result.Results[0].Values, v => Assert.Equal(1L, v.Value.LongValue));
    }

    [Fact]
    public void Aggregators_run_in_order_each_on_the_output_of_the_one_before()
    {
        var query = Temperature.WithTag("device_id", "1", "2") with
        {
            Aggregators =
            [
                new RangeAggregator(AggregatorKind.Sum, Sampling.Of(SamplingUnit.Seconds)),
                new RangeAggregator(AggregatorKind.Max, Sampling.Of(SamplingUnit.Minutes)),
            ],
        };

        var result = MetricQueryEngine.Run(query, Fleet);

        Assert.Equal(34.0, Assert.Single(result.Results[0].Values).Value.DoubleValue);
    }

    [Fact]
    public void Points_outside_the_time_range_are_left_out_and_both_ends_are_included()
    {
        var result = MetricQueryEngine.Run(new MetricQuery("temperature", T0 + 1_000, T0 + 2_000).WithTag("device_id", "1"), Fleet);

        Assert.Equal([11L, 12L], result.Results[0].Values.Select(v => v.Value.LongValue));
    }

    [Fact]
    public void Raw_values_keep_their_type()
    {
        MetricSeries[] mixed = [new(TagSet.Of("device_id", "9"), [new(T0, MetricValue.Of(5L)), new(T0 + 1, MetricValue.Of(5.0))])];

        var values = MetricQueryEngine.Run(Temperature, mixed).Results[0].Values;

        Assert.True(values[0].Value.IsLong);
        Assert.False(values[1].Value.IsLong);
    }

    [Fact]
    public void A_query_matching_nothing_gives_one_empty_result()
    {
        var result = MetricQueryEngine.Run(Temperature.WithTag("device_id", "404"), Fleet);

        var only = Assert.Single(result.Results);
        Assert.Equal("temperature", only.Name);
        Assert.Empty(only.Values);
        Assert.Empty(only.Tags);
        Assert.Equal(0, result.SampleSize);
    }

    [Fact]
    public void Query_tags_lists_the_tags_of_matching_series_with_points_in_range()
    {
        MetricSeries[] fleet = [.. Fleet, new(TagSet.Of([new("device_id", "4"), new("site", "c")]), [new(T0 - 1, MetricValue.Of(1L))])];

        var tags = MetricQueryEngine.Tags(Temperature.WithTag("site", "a", "c"), fleet);

        Assert.Equal(["1", "2"], tags.Tags["device_id"]);
        Assert.Equal(["a"], tags.Tags["site"]);
    }

    [Theory]
    [InlineData("", 0, 1, null, "metric name")]
    [InlineData("t", 5, 1, null, "before it starts")]
    [InlineData("t", 0, 1, 0, "limit")]
    public void An_invalid_query_is_refused_with_what_to_change(string metric, long start, long end, int? limit, string says)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricQueryEngine.Run(new MetricQuery(metric, start, end) { Limit = limit }, Fleet));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    private static MetricSeries Series(string device, string site, long[] values) =>
        new(
            TagSet.Of([new("device_id", device), new("site", site)]),
            [.. values.Select((v, i) => new TimestampedValue(T0 + (i * 1_000), MetricValue.Of(v)))]);
}
