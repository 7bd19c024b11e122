namespace StreamEngine.Host.Tests.KairosDb;

public sealed class QueryTests : KairosDbTests
{
    /// <summary>2013-01-01T08:00:00Z, inside the documented example query's range.</summary>
    private const long D = 1_357_027_200_000;

    /// <summary>KairosDB's QueryMetrics documentation example, verbatim.</summary>
    private const string DocumentedExample = """
        {
           "start_absolute": 1357023600000,
           "end_relative": {
               "value": "5",
               "unit": "days"
           },
           "time_zone": "Asia/Kabul",
           "metrics": [
               {
                   "tags": {
                       "host": ["foo", "foo2"],
                       "customer": ["bar"]
                   },
                   "name": "abc.123",
                   "limit": 10000,
                   "aggregators": [
                       {
                           "name": "sum",
                           "sampling": {
                               "value": 10,
                               "unit": "minutes"
                           }
                       }
                   ]
               },
               {
                   "tags": {
                       "host": ["foo", "foo2"],
                       "customer": ["bar"]
                   },
                   "name": "xyz.123",
                   "aggregators": [
                       {
                           "name": "avg",
                           "sampling": {
                               "value": 10,
                               "unit": "minutes"
                           }
                       }
                   ]
               }
           ]
        }
        """;

    [Fact]
    public async Task Documented_query_example_answers_one_query_per_metric_with_tag_filters_of_several_values()
    {
        await Add($$$"""
            [{"name": "abc.123", "tags": {"host": "foo", "customer": "bar"}, "datapoints": [[{{{D}}}, 10], [{{{D + 60_000}}}, 20], [{{{T0}}}, 99999]]},
             {"name": "abc.123", "tags": {"host": "foo2", "customer": "bar"}, "datapoints": [[{{{D + 120_000}}}, 5]]},
             {"name": "abc.123", "tags": {"host": "other", "customer": "bar"}, "datapoints": [[{{{D}}}, 1000]]},
             {"name": "abc.123", "tags": {"host": "foo", "customer": "baz"}, "datapoints": [[{{{D}}}, 2000]]}]
            """);

        var answer = await Query(DocumentedExample);

        Assert.Equal(
            $$$"""{"sample_size":3,"results":[{"name":"abc.123","group_by":[{"name":"type","type":"number"}],"tags":{"customer":["bar"],"host":["foo","foo2"]},"values":[[{{{D}}},35.0]]}]}""",
            answer.GetProperty("queries")[0].GetRawText());
        Assert.Equal(
            """{"sample_size":0,"results":[{"name":"xyz.123","tags":{},"values":[]}]}""",
            answer.GetProperty("queries")[1].GetRawText());
    }

    private Task AddThreeDevices() => Add($$$"""
        [{"name": "temperature", "tags": {"device_id": "1", "room": "a"}, "datapoints": [[{{{T0}}}, 1.5], [{{{T0 + 2_000}}}, 2.5]]},
         {"name": "temperature", "tags": {"device_id": "2", "room": "a"}, "datapoints": [[{{{T0 + 1_000}}}, 7]]},
         {"name": "temperature", "tags": {"device_id": "3", "room": "b"}, "datapoints": [[{{{T0 + 3_000}}}, 9.5]]}]
        """);

    [Fact]
    public async Task Tag_filter_with_several_values_merges_the_listed_series_in_time_order()
    {
        await AddThreeDevices();

        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature", "tags": {"device_id": ["1", "2"]}}]}""");

        Assert.Equal($"[[{T0},1.5],[{T0 + 1_000},7],[{T0 + 2_000},2.5]]", Values(answer));
        Assert.Equal("""{"device_id":["1","2"],"room":["a"]}""", Result(answer).GetProperty("tags").GetRawText());
    }

    [Fact]
    public async Task Group_by_tag_gives_one_result_per_value_with_its_tag_group()
    {
        await AddThreeDevices();

        var answer = await Query($$$"""
            {"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature",
              "tags": {"device_id": ["1", "3"], "room": ["a", "b"]},
              "group_by": [{"name": "tag", "tags": ["device_id"]}]}]}
            """);

        var results = answer.GetProperty("queries")[0].GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal(
            """[{"name":"type","type":"number"},{"name":"tag","tags":["device_id"],"group":{"device_id":"1"}}]""",
            results[0].GetProperty("group_by").GetRawText());
        Assert.Equal($"[[{T0},1.5],[{T0 + 2_000},2.5]]", results[0].GetProperty("values").GetRawText());
        Assert.Equal("""{"device_id":"3"}""", results[1].GetProperty("group_by")[1].GetProperty("group").GetRawText());
        Assert.Equal($"[[{T0 + 3_000},9.5]]", results[1].GetProperty("values").GetRawText());
    }

    [Fact]
    public async Task Relative_start_and_end_are_counted_back_from_now()
    {
        await Add($$$"""
            [{"name": "temperature", "tags": {"device_id": "1"},
              "datapoints": [[{{{T0 + 600_000}}}, 1], [{{{T0 + 2_400_000}}}, 2], [{{{T0 + 3_300_000}}}, 3]]}]
            """);

        var answer = await Query("""
            {"start_relative": {"value": 30, "unit": "minutes"}, "end_relative": {"value": "10", "unit": "minutes"},
             "metrics": [{"name": "temperature"}]}
            """);

        Assert.Equal($"[[{T0 + 2_400_000},2]]", Values(answer));
    }

    [Fact]
    public async Task Without_an_end_the_query_reads_up_to_now()
    {
        await Add($$$"""
            [{"name": "temperature", "tags": {"device_id": "1"}, "datapoints": [[{{{T0 + 3_300_000}}}, 1], [{{{T0 + 7_200_000}}}, 2]]}]
            """);

        var answer = await Query("""{"start_relative": {"value": 1, "unit": "days"}, "metrics": [{"name": "temperature"}]}""");

        Assert.Equal($"[[{T0 + 3_300_000},1]]", Values(answer));
    }

    private Task AddFivePoints() => Add($$$"""
        [{"name": "temperature", "tags": {"device_id": "1"},
          "datapoints": [[{{{T0}}}, 1], [{{{T0 + 1}}}, 2], [{{{T0 + 2}}}, 3], [{{{T0 + 3}}}, 4], [{{{T0 + 4}}}, 5]]}]
        """);

    [Fact]
    public async Task Limit_with_desc_order_keeps_the_latest_points_newest_first()
    {
        await AddFivePoints();

        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature", "limit": 2, "order": "desc"}]}""");

        Assert.Equal($"[[{T0 + 4},5],[{T0 + 3},4]]", Values(answer));
        Assert.Equal(2, answer.GetProperty("queries")[0].GetProperty("sample_size").GetInt64());
    }

    [Fact]
    public async Task Limit_with_asc_order_keeps_the_earliest_points()
    {
        await AddFivePoints();

        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature", "limit": 2, "order": "asc"}]}""");

        Assert.Equal($"[[{T0},1],[{T0 + 1},2]]", Values(answer));
    }
}
