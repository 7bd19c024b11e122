namespace StreamEngine.Host.Tests.KairosDb;

public sealed class AggregatorQueryTests : KairosDbTests
{
    /// <summary>Two one-minute ranges from T0: 1, 2, 3 at 0, 20 and 40 s; 4 and 10 at 70 and 100 s.</summary>
    private static readonly string Points = $$$"""
        [{"name": "temperature", "tags": {"device_id": "1"},
          "datapoints": [[{{{T0}}}, 1], [{{{T0 + 20_000}}}, 2], [{{{T0 + 40_000}}}, 3], [{{{T0 + 70_000}}}, 4], [{{{T0 + 100_000}}}, 10]]}]
        """;

    [Theory]
    [InlineData("avg", 0, "2.0", 70_000, "7.0")]
    [InlineData("min", 0, "1.0", 70_000, "4.0")]
    [InlineData("max", 0, "3.0", 70_000, "10.0")]
    [InlineData("sum", 0, "6.0", 70_000, "14.0")]
    [InlineData("count", 0, "3", 70_000, "2")]
    [InlineData("first", 0, "1.0", 70_000, "4.0")]
    [InlineData("last", 40_000, "3.0", 100_000, "10.0")]
    public async Task Each_aggregator_turns_each_sampling_range_into_one_point(string aggregator, long firstAt, string first, long secondAt, string second)
    {
        await Add(Points);

        var answer = await Query($$$"""
            {"start_absolute": {{{T0}}}, "end_absolute": {{{T0 + 119_999}}},
             "metrics": [{"name": "temperature",
                          "aggregators": [{"name": "{{{aggregator}}}", "sampling": {"value": 1, "unit": "minutes"}}]}]}
            """);

        Assert.Equal($"[[{T0 + firstAt},{first}],[{T0 + secondAt},{second}]]", Values(answer));
        Assert.Equal(5, answer.GetProperty("queries")[0].GetProperty("sample_size").GetInt64());
    }

    [Fact]
    public async Task Sampling_value_and_unit_may_come_as_a_string_and_in_upper_case()
    {
        await Add(Points);

        var answer = await Query($$$"""
            {"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature",
             "aggregators": [{"name": "sum", "sampling": {"value": "2", "unit": "MINUTES"}}]}]}
            """);

        Assert.Equal($"[[{T0},20.0]]", Values(answer));
    }

    [Fact]
    public async Task Aggregators_run_in_order_each_on_the_output_of_the_one_before()
    {
        await Add(Points);

        var answer = await Query($$$"""
            {"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature", "aggregators": [
              {"name": "sum", "sampling": {"value": 1, "unit": "minutes"}},
              {"name": "max", "sampling": {"value": 1, "unit": "hours"}}]}]}
            """);

        Assert.Equal($"[[{T0},14.0]]", Values(answer));
    }

    /// <summary>A query starting 30 s after midnight, points at 30, 50 and 65 s.</summary>
    private static string Aligned(string align) => $$$"""
        {"start_absolute": {{{T0 + 30_000}}}, "end_absolute": {{{T0 + 600_000}}},
         "metrics": [{"name": "temperature", "aggregators": [
           {"name": "sum", {{{align}}} "sampling": {"value": 1, "unit": "minutes"}}]}]}
        """;

    private Task AddAlignedPoints() => Add($$$"""
        [{"name": "temperature", "tags": {"device_id": "1"},
          "datapoints": [[{{{T0 + 30_000}}}, 1], [{{{T0 + 50_000}}}, 2], [{{{T0 + 65_000}}}, 3]]}]
        """);

    [Fact]
    public async Task Without_alignment_ranges_are_laid_from_the_query_start()
    {
        await AddAlignedPoints();

        Assert.Equal($"[[{T0 + 30_000},6.0]]", Values(await Query(Aligned(string.Empty))));
    }

    [Fact]
    public async Task Align_sampling_lays_ranges_on_whole_minutes()
    {
        await AddAlignedPoints();

        Assert.Equal($"[[{T0 + 30_000},3.0],[{T0 + 65_000},3.0]]", Values(await Query(Aligned("\"align_sampling\": true,"))));
    }

    [Fact]
    public async Task Align_start_time_stamps_each_range_with_its_start()
    {
        await AddAlignedPoints();

        var answer = await Query(Aligned("\"align_sampling\": true, \"align_start_time\": true,"));

        Assert.Equal($"[[{T0},3.0],[{T0 + 60_000},3.0]]", Values(answer));
    }

    [Fact]
    public async Task Align_end_time_stamps_each_aligned_range_with_its_end()
    {
        await AddAlignedPoints();

        Assert.Equal($"[[{T0 + 60_000},3.0],[{T0 + 120_000},3.0]]", Values(await Query(Aligned("\"align_end_time\": true,"))));
    }
}
