using System.Net;
using System.Text.Json;

namespace StreamEngine.Host.Tests.KairosDb;

public sealed class MetadataTests : KairosDbTests
{
    private Task AddSome() => Add($$$"""
        [{"name": "archive_file_tracked", "tags": {"host": "server1", "data_center": "DC1"}, "datapoints": [[{{{T0}}}, 1]]},
         {"name": "archive_file_search", "tags": {"host": "server2"}, "datapoints": [[{{{T0}}}, 2]]},
         {"name": "temperature", "tags": {"device_id": "17"}, "datapoints": [[{{{T0}}}, 4.5]]}]
        """);

    private async Task<string> Get(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.Read(response)).GetRawText();
    }

    [Fact]
    public async Task Query_tags_lists_the_tags_of_matching_series_without_values()
    {
        await AddSome();

        var answer = await Query(
            $$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "archive_file_tracked", "tags": {"host": ["server1", "server9"]}}]}""",
            "/api/v1/datapoints/query/tags");

        Assert.Equal(
            """{"queries":[{"results":[{"name":"archive_file_tracked","tags":{"data_center":["DC1"],"host":["server1"]},"values":[]}]}]}""",
            answer.GetRawText());
    }

    [Fact]
    public async Task Metric_names_are_listed_sorted_and_filtered_by_prefix()
    {
        await AddSome();

        Assert.Equal("""{"results":["archive_file_search","archive_file_tracked","temperature"]}""", await Get("/api/v1/metricnames"));
        Assert.Equal("""{"results":["archive_file_search","archive_file_tracked"]}""", await Get("/api/v1/metricnames?prefix=archive"));
    }

    [Fact]
    public async Task Tag_names_and_tag_values_list_every_tag_in_use()
    {
        await AddSome();

        Assert.Equal("""{"results":["data_center","device_id","host"]}""", await Get("/api/v1/tagnames"));
        Assert.Equal("""{"results":["17","DC1","server1","server2"]}""", await Get("/api/v1/tagvalues"));
    }

    [Fact]
    public async Task Version_says_which_KairosDB_it_is_compatible_with()
    {
        var version = JsonDocument.Parse(await Get("/api/v1/version")).RootElement.GetProperty("version").GetString();

        Assert.StartsWith("KairosDB 1.3.0-compatible StreamEngine", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_answers_204_and_status_lists_the_datastore_as_ok()
    {
        using var check = await Client.GetAsync("/api/v1/health/check");
        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);

        Assert.Equal("""["Datastore-Query: OK"]""", await Get("/api/v1/health/status"));
    }

    [Fact]
    public async Task Endpoints_need_no_authorization_header()
    {
        await AddSome();

        using var response = await Client.PostAsync("/api/v1/datapoints/query", Json.Body($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "temperature"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
