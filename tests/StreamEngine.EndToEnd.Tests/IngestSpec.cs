using StreamEngine.Testing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Host.Simulator;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// Reports through the authentication, raw and datapoints topologies on the embedded cluster, with the SQLite
/// registry, raw store and metric store.
/// </summary>
public sealed class IngestSpec : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly EngineStores _stores = new("ingest");

    public Task InitializeAsync() => _stores.InitializeAsync();

    [Fact]
    public async Task Valid_readings_reach_readings_the_raw_store_and_the_metric_store_once_and_every_bad_report_its_dead_letter()
    {
        var gateway = await _stores.Registry.CreateGateway();
        var active = await _stores.Registry.CreateDevice();
        await _stores.Registry.SetDeviceState(active.Id, true);
        var second = await _stores.Registry.CreateDevice();
        await _stores.Registry.SetDeviceState(second.Id, true);
        var inactive = await _stores.Registry.CreateDevice();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var gw = new { id = gateway.Id, auth = gateway.Token };
        object Reading(double temp, long t, int batt = 75) => new { temp, time = t, batt };
        object Batch(long id, string auth, params object[] readings) => new { device = new { id, auth }, readings };

        var reports = new List<string>
        {
            Json(new { gateway = gw, batches = new[] { Batch(active.Id, active.Token, Reading(4.5, time), Reading(4.6, time + 1)), Batch(second.Id, second.Token, Reading(-18, time)) } }),
            Json(new { gateway = gw, device = new { id = second.Id, auth = second.Token }, reading = Reading(5.0, time + 2) }),
            "{\"gateway\":",
            Json(new { gateway = gw, batches = "not a list" }),
            Json(new { gateway = new { id = 999_999, auth = "x" }, batches = new[] { Batch(active.Id, active.Token, Reading(4.5, time)) } }),
            Json(new { gateway = new { id = gateway.Id, auth = "wrong" }, batches = new[] { Batch(active.Id, active.Token, Reading(4.5, time)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(999_999, "x", Reading(4.5, time)), Batch(active.Id, active.Token, Reading(4.7, time + 3)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(active.Id, "wrong", Reading(4.5, time)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(inactive.Id, inactive.Token, Reading(4.5, time)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(active.Id, active.Token, Reading(151, time)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(active.Id, active.Token, Reading(4.5, time + 3_600)) } }),
            Json(new { gateway = gw, batches = new[] { Batch(active.Id, active.Token, Reading(4.5, time)) }, padding = new string('x', 1_100_000) }),
        };
        string[] expectedReasons =
        [
            "bad-device-token", "bad-gateway-token", "device-inactive", "malformed-json", "out-of-range", "out-of-range",
            "schema", "too-large", "unknown-device", "unknown-gateway",
        ];
        const int validReadings = 5;

        var ingest = await StartIngest();
        Produce(reports);
        await Eventually.True(() => Completed(ingest, "authentication") == reports.Count, "every report through authentication", Patience);
        await Eventually.True(() => _stores.RawStore.Count().Result == validReadings, "the valid readings in the raw store", Patience);
        await Eventually.True(() => Completed(ingest, "datapoints") == validReadings, "the valid readings through datapoints", Patience);

        // Each topology's stages are counted, its group's lag down to 0 once all is done.
        var authentication = Assert.Single(ingest.Workers("authentication"));
        Assert.Equal(reports.Count, authentication.Metrics().Stages.Single(s => s.Name == "parse").In);
        Assert.Equal(validReadings, Assert.Single(ingest.Workers("raw")).Metrics().Stages.Single(s => s.Name == "batch").In);
        await Eventually.True(
            () => authentication.Metrics().Lag is { Count: > 0 } lag && lag.All(l => l.Lag == 0), "the authentication group's lag down to 0", Patience);
        await ingest.DisposeAsync();

        var readings = ReadAll("readings", validReadings).Select(v => ReadingJson.Deserialize(v)).ToList();
        Assert.Equal(validReadings, readings.Count);
        Assert.Equal(validReadings, readings.Select(r => r.Source).Distinct().Count());
        Assert.Equal([-18.0, 4.5, 4.6, 4.7, 5.0], readings.Select(r => r.Temp).Order());
        var reasons = ReadAll("deadletters", expectedReasons.Length)
            .Select(v => JsonDocument.Parse(v).RootElement.GetProperty("reason").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(expectedReasons, reasons);
        Assert.Equal(Series(readings, r => r.Temp), await Stored("temperature", readings));
        Assert.Equal(Series(readings, r => r.Batt), await Stored("battery", readings));

        // Started again, the topologies run again from the journal and resume after their commits; the raw store still
        // holds each reading once.
        var again = await StartIngest();
        Produce([reports[1]]);
        await Eventually.True(() => _stores.RawStore.Count().Result == validReadings + 1, "the re-sent report's reading (a new source) stored", Patience);
        await again.DisposeAsync();
        Assert.Equal(validReadings + 1, await _stores.RawStore.Count());
    }

    /// <summary>A one-node cluster that deploys the authentication, raw and datapoints topologies at its first start.</summary>
    private Task<EngineCluster> StartIngest() =>
        _stores.Cluster(1, ["authentication", "raw", "datapoints"]);

    private static long Completed(EngineCluster cluster, string topology) => cluster.Workers(topology).Sum(w => w.Counters.Completed);

    /// <summary>What the metric store must hold for these readings: device id, time, value, in that order.</summary>
    private static List<(string Device, long Time, double Value)> Series(List<Reading> readings, Func<Reading, double> value) =>
        [.. readings.Select(r => (r.DeviceId.ToString(CultureInfo.InvariantCulture), r.Time, value(r))).Order()];

    private async Task<List<(string Device, long Time, double Value)>> Stored(string metric, List<Reading> readings)
    {
        var query = new MetricQuery(metric, readings.Min(r => r.Time), readings.Max(r => r.Time)) { GroupByTags = ["device_id"] };
        var result = await _stores.MetricStore.Query(query);
        return [.. result.Results.SelectMany(series => series.Values.Select(v => (series.Tags["device_id"].Single(), v.TimestampMs, v.Value.DoubleValue))).Order()];
    }

    [Fact]
    public async Task The_simulator_registers_its_fleet_and_feeds_readings_with_an_occasional_bad_token()
    {
        var ingest = await StartIngest();
        var settings = new SimulatorSettings { Enabled = true, Gateways = 2, DevicesPerGateway = 3, ReportsPerSecond = 50, BadReportEvery = 5 };
        using var simulator = new GatewaySimulator(settings, _stores.Kafka, _stores.Registry);
        await simulator.StartAsync(CancellationToken.None);

        await Eventually.True(() => Completed(ingest, "authentication") >= 20, "20 simulated reports through authentication", Patience);
        var authentication = Assert.Single(ingest.Workers("authentication"));
        await simulator.StopAsync(CancellationToken.None);
        await ingest.DisposeAsync();

        Assert.Equal(2, (await _stores.Registry.ListGateways()).Count);
        Assert.All(await _stores.Registry.ListDevices(), d => Assert.True(d.State));
        var counters = authentication.Counters;
        Assert.Equal(["bad-device-token"], counters.DeadLettersByReason.Keys);
        Assert.True(counters.WrittenByTopic["readings"] >= 20 * 3 * 4 / 5);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private void Produce(IEnumerable<string> reports)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _stores.Kafka.Backbone.Connection.BootstrapServers,
            MessageMaxBytes = 4 * 1024 * 1024,
        }).Build();
        foreach (var report in reports)
        {
            producer.Produce("reports", new Message<string, string> { Key = "gateway", Value = report });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private List<byte[]> ReadAll(string topic, int expected) =>
        TopicReader.ReadAll(_stores.Kafka.Backbone.Connection.BootstrapServers, topic, expected, Patience);

    public Task DisposeAsync() => _stores.DisposeAsync();

    public void Dispose() => _stores.Dispose();
}
