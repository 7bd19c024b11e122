using System.Net;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Connectors.Metrics;

namespace StreamEngine.Host.Tests.KairosDb;

/// <summary>The KairosDB HTTP writer end to end against the host's own <c>POST /api/v1/datapoints</c>.</summary>
public sealed class KairosDbWriterTests : KairosDbTests
{
    [Fact]
    public async Task Writer_batch_posted_to_the_host_is_read_back_by_a_query()
    {
        using var http = new HttpClient();
        var writer = new KairosDbMetricWriter(http, new KairosDbSettings { Url = Server.Address.ToString() });
        var points = new List<DataPoint>();
        for (var device = 1; device <= 3; device++)
        {
            for (var i = 0; i < 100; i++)
            {
                points.Add(new DataPoint("temperature", T0 + (i * 60_000), MetricValue.Of(device + (i / 4.0)), TagSet.Of("device_id", device.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            points.Add(new DataPoint("battery", T0, MetricValue.Of(70L + device), TagSet.Of("device_id", device.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        await writer.Write(points);

        var answer = await Query($$$"""
            {"start_absolute": {{{T0}}}, "end_absolute": {{{T0 + (99 * 60_000)}}}, "metrics": [
              {"name": "temperature", "tags": {"device_id": "2"}},
              {"name": "battery", "group_by": [{"name": "tag", "tags": ["device_id"]}]}]}
            """);

        var temperature = Result(answer).GetProperty("values");
        Assert.Equal(100, temperature.GetArrayLength());
        Assert.Equal($"[{T0},2.0]", temperature[0].GetRawText());
        Assert.Equal($"[{T0 + (99 * 60_000)},26.75]", temperature[99].GetRawText());
        Assert.Equal($"[[{T0},72]]", Values(answer, query: 1, result: 1));
    }

    [Fact]
    public async Task Writer_reports_the_hosts_errors_for_a_batch_it_refuses()
    {
        using var http = new HttpClient();
        var writer = new KairosDbMetricWriter(http, new KairosDbSettings { Url = Server.Address.ToString() });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            writer.Write([new DataPoint("temperature", T0, MetricValue.Of(4.5), TagSet.Of([]))]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("metric[0](name=temperature).tags count must be greater than or equal to 1", error.Message, StringComparison.Ordinal);
    }
}
