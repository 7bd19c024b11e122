using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.State;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Sms;
using StreamEngine.Connectors.State;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// What the topologies of one node share: the Kafka backbone, the registry, the stores, the alarm state (Redis, or
/// in-process without <c>Redis:Configuration</c>), the SMS provider (Twilio, or printed without
/// <c>Sms:Twilio:AccountSid</c>), HTTP clients, the node's configuration (each kind's section holds the settings a
/// definition does not set) and the clock. Opened once per node; the topologies' workers come and go over it.
/// </summary>
public sealed class TopologyResources : IAsyncDisposable
{
    private TopologyResources(
        KafkaBackbone kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics,
        IAlarmState state, CountingSmsSender sms, IHttpClientFactory http, IConfiguration configuration, TimeProvider clock)
    {
        Kafka = kafka;
        Registry = registry;
        Hasher = hasher;
        RawStore = rawStore;
        Metrics = metrics;
        State = state;
        Sms = sms;
        Http = http;
        Configuration = configuration;
        Clock = clock;
    }

    public KafkaBackbone Kafka { get; }

    public IRegistry Registry { get; }

    public ITokenHasher Hasher { get; }

    public IRawStore RawStore { get; }

    public IMetricWriter Metrics { get; }

    /// <summary>Cooldowns, silence timers and registry change announcements, shared by every alarm topology and node.</summary>
    public IAlarmState State { get; }

    /// <summary>The SMS the topologies of this node sent, counted.</summary>
    public CountingSmsSender Sms { get; }

    public IHttpClientFactory Http { get; }

    public IConfiguration Configuration { get; }

    public TimeProvider Clock { get; }

    /// <summary>Opens the alarm state and the SMS sender the configuration names; the rest is passed in.</summary>
    public static async Task<TopologyResources> Open(
        KafkaBackbone kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics,
        IHttpClientFactory http, IConfiguration configuration, TimeProvider clock, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(logs);
        var state = await AlarmStates.Open(RedisSettings.FromConfiguration(configuration), clock, logs.CreateLogger("StreamEngine.State")).ConfigureAwait(false);
        var sms = new CountingSmsSender(SmsSenders.Create(
            SmsSettings.FromConfiguration(configuration), http.CreateClient("sms"), clock, logs.CreateLogger("StreamEngine.Sms")));
        return new TopologyResources(kafka, registry, hasher, rawStore, metrics, state, sms, http, configuration, clock);
    }

    public ValueTask DisposeAsync() => State.DisposeAsync();
}
