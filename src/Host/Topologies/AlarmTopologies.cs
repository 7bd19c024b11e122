using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Sms;
using StreamEngine.Connectors.State;
using StreamEngine.Host.Kafka;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Alerts;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Runs the thresholds and alerts topologies (readings → SMS and <c>alerts</c>) and, when <c>Legacy:Url</c> is set,
/// the legacy topology, with the alarm state in Redis (or in-process without <c>Redis:Configuration</c>) and SMS
/// through Twilio (or printed without <c>Sms:Twilio:AccountSid</c>). Drains them on shutdown. Each runs as worker 0 in
/// <see cref="RunningTopologies"/> while it runs.
/// </summary>
public sealed class AlarmTopologies(
    KafkaBackboneService kafka, IRegistry registry, IConfiguration configuration, IHttpClientFactory http, ILoggerFactory logs, RunningTopologies running)
    : IHostedService, IAsyncDisposable
{
    private readonly List<RunningTopology> _running = [];
    private readonly List<IDisposable> _registrations = [];
    private ActorSystem? _system;
    private IAlarmState? _state;
    private DeviceConfigCache? _configs;
    private int _disposed;

    /// <summary>The running topologies, by name.</summary>
    public IReadOnlyList<RunningTopology> Running => _running;

    /// <summary>The SMS the alarm topologies sent, counted; null before start.</summary>
    public CountingSmsSender? Sms { get; private set; }

    /// <summary>Where registry changes are announced, so that topology caches refresh at once.</summary>
    public IRegistryChanges? Changes => _state;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        _state = await AlarmStates.Open(RedisSettings.FromConfiguration(configuration), clock, logs.CreateLogger("StreamEngine.State")).ConfigureAwait(false);
        var sms = new CountingSmsSender(SmsSenders.Create(SmsSettings.FromConfiguration(configuration), http.CreateClient("sms"), clock, logs.CreateLogger("StreamEngine.Sms")));
        Sms = sms;
        var thresholds = configuration.GetSection("Thresholds").Get<ThresholdsSettings>() ?? new ThresholdsSettings();
        var alerts = configuration.GetSection("Alerts").Get<AlertsSettings>() ?? new AlertsSettings();
        _configs = await DeviceConfigCache.Start(registry, _state, thresholds.ConfigRefresh, thresholds.DefaultMinBattery, clock, cancellationToken).ConfigureAwait(false);

        _system = ActorSystem.Create("streamengine-alarms");
        var materializer = _system.Materializer();
        var backbone = kafka.Backbone;
        void Run(string name, Func<TopologyMetrics, Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed>> topology)
        {
            var started = KafkaTopologyRunner.Start(name, EngineTopics.Readings, topology, backbone.Connection,
                c => EmbeddedTuning.Apply(c, backbone), EngineTopics.DeadLetters, materializer);
            _running.Add(started);
            _registrations.Add(running.Add(started, 0));
        }

        var state = _state;
        var configs = _configs;
        Run("thresholds", m => ThresholdsTopology.Create(thresholds, configs, state, sms, clock, m));
        Run("alerts", m => AlertsTopology.Create(alerts, configs, state, sms, clock, m));
        var legacy = configuration.GetSection("Legacy").Get<LegacySettings>() ?? new LegacySettings();
        if (!string.IsNullOrEmpty(legacy.Url))
        {
            Run("legacy", m => LegacyTopology.Create(legacy, http.CreateClient("legacy"), _ => null, clock, m));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_running.Select(t => t.Drain())).WaitAsync(cancellationToken).ConfigureAwait(false);
        _registrations.ForEach(r => r.Dispose());
        if (_system is not null)
        {
            await _system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Releases the actor system, the config cache and the state store; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _system?.Dispose();
        if (_configs is not null)
        {
            await _configs.DisposeAsync().ConfigureAwait(false);
        }

        if (_state is not null)
        {
            await _state.DisposeAsync().ConfigureAwait(false);
        }
    }
}
