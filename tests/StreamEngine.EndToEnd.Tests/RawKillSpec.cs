using StreamEngine.Testing;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using Xunit.Abstractions;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// The engine process killed outright (SIGKILL) while the raw topology is writing, with Kafka living on in the test
/// process, then started again on the same SQLite file and consumer groups.
/// </summary>
public sealed class RawKillSpec(ITestOutputHelper output) : IDisposable
{
    private const int Devices = 10;
    private const int Reports = 200;
    private const int ReadingsPerBatch = 2;
    private const int Total = Reports * Devices * ReadingsPerBatch;
    private const int FirstReports = 20;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"raw-kill-{Guid.NewGuid():N}");
    private readonly EmbeddedKafkaCluster _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Port = 0 });

    [Fact]
    public async Task Raw_table_holds_every_valid_reading_exactly_once_after_the_engine_is_killed_mid_stream_and_restarted()
    {
        Directory.CreateDirectory(_directory);
        foreach (var topic in new[] { "reports", "readings", "alerts", "deadletters" })
        {
            _kafka.CreateTopic(topic, 6);
        }

        var database = Path.Combine(_directory, "engine.db");
        var registry = new SqliteRegistry(database, new TokenHasher(4));
        var gateway = await registry.CreateGateway();
        var devices = new List<IssuedCredentials>();
        for (var d = 0; d < Devices; d++)
        {
            var device = await registry.CreateDevice();
            await registry.SetDeviceState(device.Id, true);
            devices.Add(device);
        }

        SqliteConnection.ClearAllPools();
        string[] arguments =
        [
            $"--Kafka:BootstrapServers={_kafka.BootstrapServers}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={database}",
            "--Admin:Password=kill-s3cret",
        ];
        var first = EngineProcess.Start(arguments);
        await first.WaitForOutput("Application started", Patience);

        // Kafka lives in this process. The first reports go in at once; once raw stores them the rest follow one every
        // few milliseconds, and the engine is killed while they still go in and raw has stored rows it has not committed.
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (Reports * ReadingsPerBatch) - 60;
        Publish(gateway, devices, start, 0, FirstReports, pace: null);
        long storedAtKill;
        long committedAtKill;
        Task publishing;
        using (first)
        {
            await Eventually.Value(() => RawCount(database), c => c > 0, "the first raw rows", Patience);
            publishing = Task.Run(() => Publish(gateway, devices, start, FirstReports, Reports, Pace));
            await Eventually.Value(
                async () => (Stored: await RawCount(database), Committed: CommittedOffsets.Total(_kafka.BootstrapServers, "raw", "readings")),
                c => c.Stored > FirstReports * Devices * ReadingsPerBatch && c.Committed < c.Stored,
                "raw storing the later reports ahead of what it committed", Patience);
            first.KillAbruptly();
            Assert.False(publishing.IsCompleted, "the reports were all published before the kill: it was not mid-stream");
            storedAtKill = await RawCount(database);
            committedAtKill = CommittedOffsets.Total(_kafka.BootstrapServers, "raw", "readings");
        }

        output.WriteLine($"Killed the engine with {storedAtKill} of {Total} readings in the raw table, {committedAtKill} of them committed.");
        Assert.InRange(storedAtKill, 1, Total - 1);
        Assert.True(committedAtKill < storedAtKill, $"raw had committed {committedAtKill} of the {storedAtKill} readings it stored: nothing to replay");
        await publishing;

        using var second = EngineProcess.Start(arguments);
        await Eventually.Value(() => RawCount(database), c => c >= Total, $"{Total} raw rows after the restart", Patience);

        // Settled: the authentication, raw and datapoints topologies have committed everything they read.
        await Eventually.Value(() => Task.FromResult(CommittedLag()), lag => lag == 0, "the consumer groups to commit up to the end of their topics", Patience);
        await using var connection = Open(database);
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT device_id, json_extract(message, '$.time'), json_extract(message, '$.temp'), COUNT(*) FROM raw GROUP BY 1, 2 ORDER BY 1, 2";
        var rows = new List<(long Device, long TimeMs, double Temp, long Copies)>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3)));
            }
        }

        var expected = Expected(devices, start).ToList();
        Assert.Equal(Total, await RawCount(database));
        Assert.All(rows, r => Assert.Equal(1, r.Copies));
        Assert.Equal(expected, rows.Select(r => (r.Device, r.TimeMs, r.Temp)));
        await second.Interrupt(Patience);

        // The datapoints topology, killed and replayed too, holds one temperature and one battery point per reading.
        using var metrics = new SqliteMetricStore(database);
        Assert.Equal(expected, await Points(metrics, "temperature", start));
        Assert.Equal(expected.Select(e => (e.Device, e.TimeMs, 80.0)), await Points(metrics, "battery", start));
    }

    /// <summary>Each point of the metric in the readings' time span: device, time, value, ordered as <see cref="Expected"/>.</summary>
    private static async Task<List<(long Device, long TimeMs, double Value)>> Points(SqliteMetricStore metrics, string metric, long start)
    {
        var result = await metrics.Query(new MetricQuery(metric, start * 1000, Time(start, Reports, 0) * 1000) { GroupByTags = ["device_id"] });
        return [.. result.Results
            .SelectMany(series => series.Values.Select(v => (long.Parse(series.Tags["device_id"].Single(), CultureInfo.InvariantCulture), v.TimestampMs, v.Value.DoubleValue)))
            .Order()];
    }

    private static IEnumerable<(long Device, long TimeMs, double Temp)> Expected(List<IssuedCredentials> devices, long start) =>
        from device in devices
        from report in Enumerable.Range(0, Reports)
        from reading in Enumerable.Range(0, ReadingsPerBatch)
        let time = Time(start, report, reading)
        orderby device.Id, time
        select (device.Id, time * 1000, Temperature(report, reading));

    private static long Time(long start, int report, int reading) => start + (report * ReadingsPerBatch) + reading;

    private static double Temperature(int report, int reading) => Math.Round(2 + (report % 60 * 0.1) + (reading * 0.01), 2);

    /// <summary>
    /// Publishes reports <paramref name="from"/> to <paramref name="to"/> (exclusive), each with a batch per device, one
    /// per <paramref name="pace"/> tick when given (each then acknowledged before the next), else all at once.
    /// </summary>
    private void Publish(IssuedCredentials gateway, List<IssuedCredentials> devices, long start, int from, int to, TimeSpan? pace)
    {
        using var ticks = pace is { } every ? new PeriodicTimer(every) : null;
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build();
        for (var report = from; report < to; report++)
        {
            var json = JsonSerializer.Serialize(new
            {
                gateway = new { id = gateway.Id, auth = gateway.Token },
                batches = devices.Select(d => new
                {
                    device = new { id = d.Id, auth = d.Token },
                    readings = Enumerable.Range(0, ReadingsPerBatch)
                        .Select(r => new { temp = Temperature(report, r), time = Time(start, report, r), batt = 80 }),
                }),
            });
            producer.Produce("reports", new Message<string, string> { Key = gateway.Id.ToString(CultureInfo.InvariantCulture), Value = json });
            if (ticks is not null)
            {
                Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
                ticks.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Messages in reports and readings that the engine's groups (authentication, raw, datapoints) have not committed yet.</summary>
    private long CommittedLag()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        using var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = $"probe-{Guid.NewGuid():N}" }).Build();
        long lag = 0;
        foreach (var (group, topic) in new[] { ("authentication", "reports"), ("raw", "readings"), ("datapoints", "readings") })
        {
            var partitions = Enumerable.Range(0, 6).Select(p => new TopicPartition(topic, p)).ToList();
            var committed = admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, partitions)]).GetAwaiter().GetResult()
                .Single().Partitions.ToDictionary(p => p.Partition.Value, p => p.Offset.Value);
            foreach (var partition in partitions)
            {
                var end = probe.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
                lag += end - Math.Max(0, committed.GetValueOrDefault(partition.Partition.Value));
            }
        }

        return lag;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<long> RawCount(string database)
    {
        await using var connection = Open(database);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM raw";
        try
        {
            return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    public void Dispose()
    {
        _kafka.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
