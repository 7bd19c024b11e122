using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Cli;
using StreamEngine.Host.Simulator;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// The engine process with its alarm topologies on the production parts: the state in a real redis-server, SMS
/// through Twilio's API (a local stand-in answering like Twilio), the legacy forwarder posting to a local legacy API,
/// devices managed through the admin API.
/// </summary>
public sealed partial class AlarmsSpec : IAsyncLifetime, IDisposable
{
    private const string Password = "alarms-s3cret";
    private const string Phone = "+351910000042";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"alarms-{Guid.NewGuid():N}");
    private readonly RedisServer _redis = RedisServer.Start();
    private TwilioStandIn _twilio = null!;
    private LegacyApiStandIn _legacy = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _twilio = await TwilioStandIn.Start();
        _legacy = await LegacyApiStandIn.Start();
    }

    [Fact]
    public async Task A_limit_changed_through_the_admin_api_texts_the_owner_through_twilio_within_seconds_and_legacy_gets_every_reading()
    {
        var port = FreePorts.Consecutive(3);
        var bootstrap = $"127.0.0.1:{port}";
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            $"--Admin:Password={Password}", $"--Redis:Configuration={_redis.Configuration}",
            $"--Sms:Twilio:AccountSid={TwilioStandIn.AccountSid}", $"--Sms:Twilio:AuthToken={TwilioStandIn.AuthToken}",
            "--Sms:Twilio:From=+15005550006", $"--Sms:Twilio:BaseUrl={_twilio.BaseUrl}", $"--Legacy:Url={_legacy.Url}");
        await engine.WaitForOutput("Application started", Patience);
        using var admin = await AdminApiClient.Login(new Uri(ListeningOn().Match(engine.Output).Groups[1].Value), "admin", Password, CancellationToken.None);
        var gateway = await admin.CreateGateway(CancellationToken.None);
        var device = await admin.CreateDevice(CancellationToken.None);
        await admin.SetDeviceState(device.Id, true, CancellationToken.None);
        await admin.SetDeviceConfig(device.Id, Config(maxTemperature: 10), CancellationToken.None);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var sent = 0;
        void Send(double temp)
        {
            var report = ReportJson.SingleReading(gateway, device, new SimulatedReading(temp, time + sent, 80));
            producer.Produce("reports", new Message<string, string> { Key = gateway.Id.ToString(CultureInfo.InvariantCulture), Value = report });
            producer.Flush(TimeSpan.FromSeconds(10));
            sent++;
        }

        // 9 °C is within the first limits: the thresholds topology reads it and commits it without an alert.
        Send(9);
        await Eventually.True(() => CommittedOffsets.Total(bootstrap, "thresholds", "readings") >= 1, "the thresholds topology to commit the first reading", Patience);
        Assert.Empty(_twilio.Requests);

        await admin.SetDeviceConfig(device.Id, Config(maxTemperature: 8), CancellationToken.None);
        var changed = DateTime.UtcNow;
        while (_twilio.Accepted == 0 && DateTime.UtcNow - changed < TimeSpan.FromSeconds(15))
        {
            // One reading at a time: the next goes only once the topology has taken this one (committed or texted).
            Send(9);
            await Eventually.True(
                () => _twilio.Accepted > 0 || CommittedOffsets.Total(bootstrap, "thresholds", "readings") >= sent,
                "the thresholds topology to take the reading",
                Patience);
        }

        var sms = Assert.Single(_twilio.Requests);
        Assert.Equal(201, sms.Status);
        Assert.Equal(Phone, sms.Fields["To"]);
        Assert.Contains($"Walk-in 3 (device {device.Id}): too warm, 9 C above max 8 C", sms.Fields["Body"], StringComparison.Ordinal);
        var alert = AlertJson.Deserialize(Assert.Single(TopicReader.ReadAll(bootstrap, "alerts", 1, Patience)));
        Assert.Equal((AlertKind.TemperatureHigh, device.Id, sms.Fields["Body"]), (alert.Kind, alert.DeviceId, alert.Text));

        await Eventually.True(() => _legacy.Received.Count >= sent, "every reading to reach the legacy API", Patience);
        var forwarded = _legacy.Received.Select(body => JsonDocument.Parse(body).RootElement).ToList();
        Assert.All(forwarded, m => Assert.Equal(device.Id, m.GetProperty("device").GetProperty("id").GetInt64()));
        Assert.Equal(Enumerable.Range(0, sent).Select(i => time + i), forwarded.Select(m => m.GetProperty("reading").GetProperty("time").GetInt64()).Order());

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        await _legacy.DisposeAsync();
    }

    public void Dispose()
    {
        _redis.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Dictionary<string, object> Config(double maxTemperature) => new()
    {
        ["name"] = "Walk-in 3",
        ["owner"] = "Ana",
        ["phone"] = Phone,
        ["maxTemperature"] = maxTemperature,
    };

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
