using System.Net;

namespace StreamEngine.Host.Tests.KairosDb;

public sealed class DeleteTests : KairosDbTests
{
    private Task AddTwoDevices() => Add($$$"""
        [{"name": "temperature", "tags": {"device_id": "1"}, "datapoints": [[{{{T0}}}, 1], [{{{T0 + 1_000}}}, 2], [{{{T0 + 2_000}}}, 3]]},
         {"name": "temperature", "tags": {"device_id": "2"}, "datapoints": [[{{{T0}}}, 10], [{{{T0 + 1_000}}}, 20]]},
         {"name": "battery", "tags": {"device_id": "1"}, "datapoints": [[{{{T0}}}, 75]]}]
        """);

    /// <summary>Each device's values of <paramref name="metric"/>, joined by spaces.</summary>
    private async Task<string> All(string metric)
    {
        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "{{{metric}}}", "group_by": [{"name": "tag", "tags": ["device_id"]}]}]}""");
        return string.Join(' ', answer.GetProperty("queries")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("values").GetRawText()));
    }

    [Fact]
    public async Task Delete_datapoints_removes_only_the_points_in_its_range_and_tag_filter()
    {
        await AddTwoDevices();

        using var response = await Client.PostAsync("/api/v1/datapoints/delete", Json.Body($$$"""
            {"start_absolute": {{{T0 + 1_000}}}, "end_absolute": {{{T0 + 2_000}}},
             "metrics": [{"name": "temperature", "tags": {"device_id": ["1"]}}]}
            """));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"[[{T0},1]] [[{T0},10],[{T0 + 1_000},20]]", await All("temperature"));
        Assert.Equal($"[[{T0},75]]", await All("battery"));
    }

    [Fact]
    public async Task Delete_metric_removes_every_point_and_the_name()
    {
        await AddTwoDevices();

        using var response = await Client.DeleteAsync("/api/v1/metric/temperature");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("[]", await All("temperature"));
        using var names = await Client.GetAsync("/api/v1/metricnames");
        Assert.Equal("""{"results":["battery"]}""", (await Json.Read(names)).GetRawText());
    }

    [Fact]
    public async Task Deleting_a_metric_that_does_not_exist_is_no_error()
    {
        using var response = await Client.DeleteAsync("/api/v1/metric/nothing-here");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
