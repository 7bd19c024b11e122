using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Configuration;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Alerts;
using StreamEngine.Topologies.Authentication;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Raw;
using StreamEngine.Topologies.Registry;
using StreamEngine.Topologies.Rules;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Starts one worker of a deployed topology on this node: the kind's graph between its source topic and Kafka, in the
/// definition's consumer group, with the kind's settings taken from the node's configuration section of the kind's
/// name (<c>Thresholds</c>, <c>Alerts</c>, <c>Legacy</c>, …) and the definition's params written over them. A rule
/// takes its operational settings from the <c>Rules</c> section and its device config refresh from <c>Thresholds</c>.
/// </summary>
public sealed class TopologyFactory(TopologyResources resources, RunningTopologies running)
{
    /// <summary>The workers this factory started that still run (the node's, for <c>GET /metrics</c> and the live counts).</summary>
    public RunningTopologies Running { get; } = running;

    /// <summary>
    /// Starts worker <paramref name="worker"/> of a topology; what it holds besides the stream (config caches, its place
    /// in <see cref="Running"/>) is released when it is disposed.
    /// </summary>
    public async Task<TopologyWorkerRun> Start(TopologyDefinition definition, int worker, IMaterializer materializer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var owned = new List<IAsyncDisposable>();
        try
        {
            var graph = await Graph(definition, owned, cancellation).ConfigureAwait(false);
            var backbone = resources.Kafka;
            var running = KafkaTopologyRunner.Start(definition.Name, definition.Group, definition.Source, graph, backbone.Connection,
                c => EmbeddedTuning.Apply(c, backbone), EngineTopics.DeadLetters, materializer);
            owned.Add(new Unregistration(Running.Add(running, worker)));
            return new TopologyWorkerRun(running, owned);
        }
        catch
        {
            foreach (var resource in owned)
            {
                await resource.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The kind's graph, built once the worker's stage meters exist; what it needs that starts asynchronously is started here.</summary>
    private async Task<Func<TopologyMetrics, Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed>>> Graph(
        TopologyDefinition definition, List<IAsyncDisposable> owned, CancellationToken cancellation)
    {
        var clock = resources.Clock;
        switch (definition.Kind)
        {
            case TopologyKind.Authentication:
                var authentication = Settings<AuthenticationSettings>(definition);
                var gateways = new CredentialCache(async (id, ct) =>
                    await resources.Registry.FindGateway(id, ct).ConfigureAwait(false) is { } g ? new StoredCredential(g.TokenHash, true) : null,
                    resources.Hasher, authentication.CredentialRefresh);
                var devices = new CredentialCache(async (id, ct) =>
                    await resources.Registry.FindDevice(id, ct).ConfigureAwait(false) is { } d ? new StoredCredential(d.TokenHash, d.State) : null,
                    resources.Hasher, authentication.CredentialRefresh);

                // Ids of devices and gateways are announced alike: each cache forgets the id, which costs one lookup.
                owned.Add(await RegistryChangeSubscription.Start(
                    resources.State,
                    id =>
                    {
                        gateways.Forget(id);
                        devices.Forget(id);
                    },
                    () =>
                    {
                        gateways.ForgetAll();
                        devices.ForgetAll();
                        return Task.CompletedTask;
                    },
                    cancellation).ConfigureAwait(false));
                return metrics => AuthenticationTopology.Create(authentication, gateways, devices, Now, metrics);
            case TopologyKind.Raw:
                var raw = Settings<RawSettings>(definition);
                return metrics => RawTopology.Create(raw, resources.RawStore, Now, metrics);
            case TopologyKind.Datapoints:
                var datapoints = Settings<DatapointsSettings>(definition);
                return metrics => DatapointsTopology.Create(datapoints, resources.Metrics, Now, metrics);
            case TopologyKind.Thresholds:
                var thresholds = Settings<ThresholdsSettings>(definition);
                var thresholdConfigs = await Configs(thresholds.ConfigRefresh, thresholds.DefaultMinBattery, owned, cancellation).ConfigureAwait(false);
                return metrics => ThresholdsTopology.Create(thresholds, thresholdConfigs, resources.State, resources.Sms, clock, metrics);
            case TopologyKind.Alerts:
                var alerts = Settings<AlertsSettings>(definition);
                var alertConfigs = await NodeConfigs(owned, cancellation).ConfigureAwait(false);
                return metrics => AlertsTopology.Create(alerts, alertConfigs, resources.State, resources.Sms, clock, metrics);
            case TopologyKind.Legacy:
                var legacy = Settings<LegacySettings>(definition);
                var http = resources.Http.CreateClient("legacy");
                return metrics => LegacyTopology.Create(legacy, http, _ => null, clock, metrics);
            case TopologyKind.Rule:
                var ruleConfigs = await NodeConfigs(owned, cancellation).ConfigureAwait(false);
                var rule = resources.Configuration.GetSection("Rules").Get<RuleSettings>() ?? new RuleSettings();
                return metrics => RuleTopology.Create(definition.Name, definition.Rule!, rule, ruleConfigs, resources.State, resources.State, resources.Sms, clock, metrics);
            default:
                throw new NotSupportedException($"Topology '{definition.Name}' is of kind {definition.Kind}, which this node cannot run.");
        }
    }

    /// <summary>A config cache refreshed as the node's <c>Thresholds</c> section says, for the kinds without config params of their own.</summary>
    private Task<DeviceConfigCache> NodeConfigs(List<IAsyncDisposable> owned, CancellationToken cancellation)
    {
        var thresholds = resources.Configuration.GetSection(nameof(TopologyKind.Thresholds)).Get<ThresholdsSettings>() ?? new ThresholdsSettings();
        return Configs(thresholds.ConfigRefresh, thresholds.DefaultMinBattery, owned, cancellation);
    }

    private async Task<DeviceConfigCache> Configs(
        TimeSpan refresh, double defaultMinBattery, List<IAsyncDisposable> owned, CancellationToken cancellation)
    {
        var cache = await DeviceConfigCache.Start(resources.Registry, resources.State, refresh, defaultMinBattery, resources.Clock, cancellation)
            .ConfigureAwait(false);
        owned.Add(cache);
        return cache;
    }

    private TSettings Settings<TSettings>(TopologyDefinition definition)
        where TSettings : new() =>
        SettingsParams.Apply(
            resources.Configuration.GetSection(definition.Kind.ToString()).Get<TSettings>() ?? new TSettings(), definition.Params);

    private sealed class Unregistration(IDisposable registration) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            registration.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
