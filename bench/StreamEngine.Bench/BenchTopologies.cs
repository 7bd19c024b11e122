using System.Globalization;
using Akka;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Sms;
using StreamEngine.Connectors.State;
using StreamEngine.Connectors.Storage;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Alerts;
using StreamEngine.Topologies.Authentication;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Raw;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Bench;

/// <summary>
/// The engine's topologies with what they need to run here: the fleet's credentials for authentication, a fresh
/// SQLite file for the stores (deleted afterwards); for the alarm topologies an in-memory registry of
/// <see cref="BenchOptions.AlarmDevices"/> devices (configs cached before the clock starts), a fresh alarm state per
/// run (in a private redis-server, or in-process), Twilio's REST API over HTTP to a local stand-in (rate limit set out
/// of the way), and a local legacy API.
/// </summary>
internal sealed class BenchTopologies(BenchOptions options) : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Names = ["authentication", "raw", "datapoints", "thresholds", "alerts", "legacy"];

    private readonly string _directory = Directory.CreateTempSubdirectory("streamengine-bench-").FullName;
    private readonly List<IDisposable> _stores = [];
    private readonly List<IAsyncDisposable> _alarmParts = [];
    private readonly HttpClient _http = new();
    private AlarmFleet? _fleet;
    private TimedSmsSender? _sms;
    private HttpStandIns? _standIns;
    private BenchRedis? _redis;
    private double _redisCpuAtStart;
    private int _states;
    private TopologyMetrics? _datapointsMetrics;
    private TopologyMetrics? _rawMetrics;

    /// <summary>
    /// The input topic of a topology (one per topology), how to make its records, and how many readings one record holds. For the alarm
    /// topologies it starts a fresh fleet, whose notes <see cref="Create"/> and <see cref="Outcome"/> use: call it first.
    /// </summary>
    public (string Topic, Func<long, long, InputRecord> Make, int ReadingsPerInput) Input(string name) => name switch
    {
        "authentication" => ("in-reports", BenchFleet.Report, BenchFleet.ReadingsPerReport),
        "thresholds" => ("in-thresholds", NewFleet().ThresholdsReading, 1),
        "alerts" => ("in-alerts", NewFleet().AlertsReading, 1),
        "legacy" => ("in-legacy", NewFleet().PlainReading, 1),
        // Raw and datapoints each read a topic of their own: a fresh consumer group starts at the earliest offset, so
        // on a shared topic the second would also read the first one's records, seconds old, as a backlog.
        "datapoints" => ("in-datapoints", BenchFleet.Reading, 1),
        _ => ("in-readings", BenchFleet.Reading, 1),
    };

    public async Task<Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed>> Create(string name)
    {
        switch (name)
        {
            case "authentication":
                var fleet = new BenchFleet();
                var settings = new AuthenticationSettings();
                var gateways = new CredentialCache(fleet.Gateway, fleet.Hasher, settings.CredentialRefresh);
                var devices = new CredentialCache(fleet.Device, fleet.Hasher, settings.CredentialRefresh);
                await fleet.WarmUp(gateways, devices).ConfigureAwait(false);
                return AuthenticationTopology.Create(settings, gateways, devices, Now, new TopologyMetrics());
            case "raw":
                var raw = new SqliteRawStore(Path.Combine(_directory, "raw.db"));
                _stores.Add(raw);
                _rawMetrics = new TopologyMetrics();
                return RawTopology.Create(new RawSettings(), raw, Now, _rawMetrics);
            case "datapoints":
                var metrics = new SqliteMetricStore(Path.Combine(_directory, "metrics.db"));
                _stores.Add(metrics);
                _datapointsMetrics = new TopologyMetrics();
                return DatapointsTopology.Create(new DatapointsSettings(), metrics, Now, _datapointsMetrics);
            case "thresholds":
                var (thresholdsState, thresholdsConfigs, thresholdsSms) = await AlarmParts().ConfigureAwait(false);
                return ThresholdsTopology.Create(ThresholdsSettings, thresholdsConfigs, thresholdsState, thresholdsSms, TimeProvider.System, new TopologyMetrics());
            case "alerts":
                var (alertsState, alertsConfigs, alertsSms) = await AlarmParts().ConfigureAwait(false);
                await Fleet.SeedSilence(alertsState).ConfigureAwait(false);
                return AlertsTopology.Create(AlertsSettings, alertsConfigs, alertsState, alertsSms, TimeProvider.System, new TopologyMetrics());
            case "legacy":
                var standIns = await StandIns().ConfigureAwait(false);
                await HttpWarmUp.Legacy(_http, standIns.LegacyUrl).ConfigureAwait(false);
                standIns.Reset();
                return LegacyTopology.Create(new LegacySettings { Url = standIns.LegacyUrl, Window = options.Window ?? new LegacySettings().Window }, _http, _ => null, TimeProvider.System, new TopologyMetrics());
            default:
                throw new ArgumentException($"Unknown topology {name}; the bench runs {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>After a run: what an alarm topology sent by SMS (and how fast, when <paramref name="withLatency"/>), or what the legacy API got.</summary>
    public string? Outcome(string name, bool withLatency)
    {
        var redisCpu = _redis is null ? "" : $"; redis-server CPU {_redis.CpuSeconds - _redisCpuAtStart:0.0} s";
        return name switch
        {
            "thresholds" or "alerts" => $"{AlarmOutcome.Describe(Fleet, _standIns!, withLatency)}{redisCpu}; {_sms!.Describe()}",
            "legacy" => $"legacy API: {_standIns!.LegacyPosts:N0} posts received",
            "datapoints" => Groups(_datapointsMetrics!, "windows", "window", "metric-store"),
            "raw" => Groups(_rawMetrics!, "batches", "batch", "raw-store"),
            _ => null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Newest first: a config cache is subscribed to the state opened before it.
        foreach (var part in Enumerable.Reverse(_alarmParts))
        {
            await part.DisposeAsync().ConfigureAwait(false);
        }

        if (_standIns is not null)
        {
            await _standIns.DisposeAsync().ConfigureAwait(false);
        }

        _redis?.Dispose();
        _http.Dispose();
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// How a store topology's groups of readings went (datapoints' windows, raw's batches): how many, how full, how long
    /// their writes took, and how busy the store was over the last 10 s (above 1 when a write waits for the one before
    /// it: the store is the limit).
    /// </summary>
    private static string Groups(TopologyMetrics metrics, string groups, string grouping, string storing)
    {
        var stages = metrics.Stages();
        var group = stages.Single(s => s.Name == grouping);
        var store = stages.Single(s => s.Name == storing);
        return string.Create(CultureInfo.InvariantCulture,
            $"{groups}: {group.Out:N0}, {(group.Out == 0 ? 0 : group.In / group.Out):N0} readings each on average; {storing} write p50 {store.P50Ms:0} ms, p99 {store.P99Ms:0} ms, capacity {store.Capacity:0.00}");
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private ThresholdsSettings ThresholdsSettings => WithKnobs(new ThresholdsSettings());

    private AlertsSettings AlertsSettings => WithKnobs(new AlertsSettings());

    private ThresholdsSettings WithKnobs(ThresholdsSettings settings) =>
        settings with { SmsParallelism = options.SmsParallelism ?? settings.SmsParallelism, NotifyWindow = options.Window ?? settings.NotifyWindow };

    private AlertsSettings WithKnobs(AlertsSettings settings) =>
        settings with { SmsParallelism = options.SmsParallelism ?? settings.SmsParallelism, NotifyWindow = options.Window ?? settings.NotifyWindow };

    private AlarmFleet Fleet => _fleet ?? throw new InvalidOperationException("Call Input before Create: it makes the fleet the readings come from.");

    private AlarmFleet NewFleet() => _fleet = new AlarmFleet(options.AlarmDevices, options.BreachPercent);

    /// <summary>A fresh state (a key prefix of its own in Redis), the registry's configs cached, and SMS to the stand-in.</summary>
    private async Task<(IAlarmState State, DeviceConfigCache Configs, ISmsSender Sms)> AlarmParts()
    {
        var standIns = await StandIns().ConfigureAwait(false);
        var state = await OpenState().ConfigureAwait(false);
        _alarmParts.Add(state);
        var defaults = new ThresholdsSettings();
        var configs = await DeviceConfigCache.Start(Fleet.Lookup, state, defaults.ConfigRefresh, defaults.DefaultMinBattery).ConfigureAwait(false);
        _alarmParts.Add(configs);
        await Fleet.WarmUp(configs).ConfigureAwait(false);
        var sms = new SmsSettings
        {
            Twilio = new TwilioSettings { AccountSid = HttpStandIns.AccountSid, AuthToken = "bench", From = "+15550000000", BaseUrl = standIns.BaseUrl },
            RatePerSecond = 1_000_000,
            Burst = 1_000_000,
        };
        var twilio = new TwilioSmsSender(_http, sms);
        await HttpWarmUp.Sms(twilio).ConfigureAwait(false);
        standIns.Reset();
        _sms = new TimedSmsSender(twilio);
        return (state, configs, _sms);
    }

    private async Task<IAlarmState> OpenState()
    {
        if (options.State == BenchState.InProcess)
        {
            return new InProcessAlarmState();
        }

        _redis ??= BenchRedis.Start();
        _redisCpuAtStart = _redis.CpuSeconds;
        var settings = new RedisSettings { Configuration = _redis.Configuration, KeyPrefix = $"bench-{++_states}:" };
        return await RedisAlarmState.Connect(settings).ConfigureAwait(false);
    }

    private async Task<HttpStandIns> StandIns()
    {
        _standIns ??= await HttpStandIns.Start(TimeSpan.FromMilliseconds(options.SmsDelayMs)).ConfigureAwait(false);
        _standIns.Reset();
        return _standIns;
    }
}
