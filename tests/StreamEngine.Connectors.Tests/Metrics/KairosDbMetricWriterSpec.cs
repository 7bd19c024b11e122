using System.Net;
using System.Text.Json;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Connectors.Metrics;

namespace StreamEngine.Connectors.Tests.Metrics;

public sealed class KairosDbMetricWriterSpec
{
    private const long T0 = 1_704_067_200_000;

    [Fact]
    public async Task A_batch_is_one_gzipped_post_of_kairosdb_json_grouped_by_series()
    {
        await using var kairos = new KairosDbStandIn();
        using var http = new HttpClient();
        var writer = new KairosDbMetricWriter(http, new KairosDbSettings { Url = kairos.Url });

        await writer.Write(
        [
            new DataPoint("temperature", T0, MetricValue.Of(21.0), TagSet.Of("device_id", "1")),
            new DataPoint("battery", T0, MetricValue.Of(90L), TagSet.Of("device_id", "1")),
            new DataPoint("temperature", T0 + 1000, MetricValue.Of(21.5), TagSet.Of("device_id", "1")),
            new DataPoint("temperature", T0, MetricValue.Of(4.25), TagSet.Of([new("device_id", "2"), new("site", "a")])),
        ]);

        var request = Assert.Single(kairos.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/datapoints", request.Path);
        Assert.Equal("gzip", request.ContentEncoding);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var series = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, series.Count);
        Assert.Equal("temperature", series[0].GetProperty("name").GetString());
        Assert.Equal("1", series[0].GetProperty("tags").GetProperty("device_id").GetString());
        Assert.Equal("[[1704067200000,21.0],[1704067201000,21.5]]", series[0].GetProperty("datapoints").GetRawText());
        Assert.Equal("[[1704067200000,90]]", series[1].GetProperty("datapoints").GetRawText());
        Assert.Equal("a", series[2].GetProperty("tags").GetProperty("site").GetString());
        Assert.Equal("[[1704067200000,4.25]]", series[2].GetProperty("datapoints").GetRawText());
    }

    [Fact]
    public async Task An_empty_batch_sends_nothing()
    {
        await using var kairos = new KairosDbStandIn();
        using var http = new HttpClient();

        await new KairosDbMetricWriter(http, new KairosDbSettings { Url = kairos.Url }).Write([]);

        Assert.Empty(kairos.Requests);
    }

    [Fact]
    public async Task A_refused_batch_throws_with_the_status_and_kairosdbs_errors()
    {
        await using var kairos = new KairosDbStandIn
        {
            Status = HttpStatusCode.BadRequest,
            ResponseBody = """{"errors":["metric[0](name=temperature).tag[device_id].value may not be empty."]}""",
        };
        using var http = new HttpClient();
        var writer = new KairosDbMetricWriter(http, new KairosDbSettings { Url = kairos.Url.TrimEnd('/') });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => writer.Write([new DataPoint("temperature", T0, MetricValue.Of(1L), TagSet.Of("device_id", "1"))]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("may not be empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the datapoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_that_is_not_kairosdb_json_is_reported_as_text()
    {
        await using var kairos = new KairosDbStandIn { Status = HttpStatusCode.InternalServerError, ResponseBody = "Cassandra timed out" };
        using var http = new HttpClient();
        var writer = new KairosDbMetricWriter(http, new KairosDbSettings { Url = kairos.Url });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => writer.Write([new DataPoint("temperature", T0, MetricValue.Of(1L), TagSet.Of("device_id", "1"))]));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cassandra timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("may be retried", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kairosdb:8080")]
    [InlineData("ftp://kairosdb")]
    public void A_url_that_is_not_http_is_refused_with_what_to_set(string url)
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new KairosDbMetricWriter(http, new KairosDbSettings { Url = url }));

        Assert.Contains("Metrics:KairosDb:Url", error.Message, StringComparison.Ordinal);
    }
}
