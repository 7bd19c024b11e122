using System.Net.Http.Headers;
using System.Text;

namespace StreamEngine.Host.Tests.KairosDb;

public sealed class ErrorFormatTests : KairosDbTests
{
    private const string Start = "\"start_absolute\": 784041330, \"end_absolute\": 788879730";

    [Theory]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"tags\": {\"host\": \"foo\", \"type\": \"bar\"}, \"aggregators\": [{\"name\": \"sum\", \"sampling\": {\"value\": 10, \"unit\": \"bogus\"}}]}]}",
        "query.metric[0].aggregators[0].sampling.unit must be one of MILLISECONDS,SECONDS,MINUTES,HOURS,DAYS,WEEKS,MONTHS,YEARS, not 'bogus'.")]
    [InlineData(
        "{\"metrics\": [{\"name\": \"abc.123\"}]}",
        "query.start_time relative or absolute time must be set")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"aggregators\": [{\"name\": \"sum\", \"sampling\": {\"value\": 0, \"unit\": \"minutes\"}}]}]}",
        "query.metric[0].aggregators[0].sampling.value must be greater than or equal to 1")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"aggregators\": [{\"name\": \"bogus\"}]}]}",
        "query.metric[0].aggregators[0].bogus invalid aggregators name: use one of avg, min, max, sum, count, first, last.")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"aggregators\": [{\"sampling\": {\"value\": 1, \"unit\": \"minutes\"}}]}]}",
        "query.metric[0].aggregators[0] must have a name")]
    [InlineData(
        "{" + Start + ", \"metrics\": []}",
        "query.metric[] must have a size of at least 1")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"\"}]}",
        "query.metric[0].name may not be empty")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"tags\": {\"host\": [\"foo\", \"\"]}}]}",
        "query.metric[0].tags[0].host value must not be null or empty")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"group_by\": [{\"name\": \"tag\"}]}]}",
        "query.metric[0].group_by[0].tags may not be null")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"group_by\": [{\"name\": \"tag\", \"tags\": []}]}]}",
        "query.metric[0].group_by[0].tags may not be empty")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"group_by\": [{\"name\": \"value\", \"range_size\": 10}]}]}",
        "query.metric[0].group_by[0].value invalid group_by name")]
    [InlineData(
        "{\"start_absolute\": 788879730, \"end_absolute\": 784041330, \"metrics\": [{\"name\": \"abc.123\"}]}",
        "query.metric[0].end_time must be greater than the start time")]
    [InlineData(
        "{\"start_relative\": {\"value\": 0, \"unit\": \"days\"}, \"metrics\": [{\"name\": \"abc.123\"}]}",
        "start_relative.value must be greater than or equal to 1")]
    [InlineData(
        "{\"start_relative\": {\"value\": 1, \"unit\": \"fortnights\"}, \"metrics\": [{\"name\": \"abc.123\"}]}",
        "query.start_relative.unit must be one of MILLISECONDS")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"order\": \"sideways\"}]}",
        "query.metric[0].order must be \"asc\" or \"desc\", not 'sideways'.")]
    [InlineData(
        "{" + Start + ", \"metrics\": [{\"name\": \"abc.123\", \"limit\": 0}]}",
        "query.metric[0].limit must be between 1 and")]
    [InlineData(
        "{\"start_absolute\": 784041330, \"metrics\": [{\"name\": \"abc.123\"]}",
        "The request body is not valid JSON")]
    public async Task Malformed_query_gets_400_with_KairosDBs_errors_naming_the_field(string query, string error)
    {
        Assert.StartsWith(error, await Rejected("/api/v1/datapoints/query", Json.Body(query)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"datapoints\": [[1359788400000, 1]], \"tags\": {\"host\": \"a\"}}]", "metric[0].name may not be empty")]
    [InlineData("[{\"name\": \"x\", \"datapoints\": [[1359788400000, 1]]}]", "metric[0](name=x).tags count must be greater than or equal to 1")]
    [InlineData("[{\"name\": \"x\", \"datapoints\": [[1359788400000, 1]], \"tags\": {\"host\": \"\"}}]", "metric[0](name=x).tag[host].value may not be empty")]
    [InlineData("[{\"name\": \"x\", \"datapoints\": [[1359788400000, \"hot\"]], \"tags\": {\"host\": \"a\"}}]", "metric[0](name=x).datapoints[0].value must be a number, not 'hot'")]
    [InlineData("[{\"name\": \"x\", \"datapoints\": [[1359788400000]], \"tags\": {\"host\": \"a\"}}]", "metric[0](name=x).datapoints[0] must be a pair [timestamp, value]")]
    [InlineData("[{\"name\": \"x\", \"value\": 1, \"tags\": {\"host\": \"a\"}}]", "metric[0](name=x).timestamp cannot be null")]
    [InlineData("[{\"name\": \"x\", \"type\": \"string\", \"timestamp\": 1, \"value\": 1, \"tags\": {\"host\": \"a\"}}]", "metric[0](name=x).type 'string' is not supported")]
    [InlineData("42", "The datapoints body must be a JSON array of metrics")]
    public async Task Malformed_datapoints_get_400_and_nothing_is_stored(string body, string error)
    {
        Assert.StartsWith(error, await Rejected("/api/v1/datapoints", Json.Body(body)), StringComparison.Ordinal);

        using var names = await Client.GetAsync("/api/v1/metricnames");
        Assert.Equal("""{"results":[]}""", (await Json.Read(names)).GetRawText());
    }

    [Fact]
    public async Task Body_declared_gzip_that_is_not_gets_400_saying_so()
    {
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes("[]"));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Headers.ContentEncoding.Add("gzip");

        Assert.Contains("is not gzip data", await Rejected("/api/v1/datapoints", body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_one_bad_datapoint_in_a_batch_rejects_the_whole_batch()
    {
        var error = await Rejected("/api/v1/datapoints", Json.Body("""
            [{"name": "x", "tags": {"host": "a"}, "datapoints": [[1359788400000, 1]]},
             {"name": "y", "tags": {"host": "a"}, "datapoints": [[1359788400000, null]]}]
            """));

        Assert.StartsWith("metric[1](name=y).datapoints[0].value must be a number", error, StringComparison.Ordinal);
        using var names = await Client.GetAsync("/api/v1/metricnames");
        Assert.Equal("""{"results":[]}""", (await Json.Read(names)).GetRawText());
    }
}
