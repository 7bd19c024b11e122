using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Hosting;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;
using StreamEngine.Topologies.Authentication;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Raw;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Runs the authentication topology (reports → readings), the raw topology (readings → raw store) and the
/// datapoints topology (readings → metric store) on the backbone, and drains them on shutdown so what they took is
/// committed. Each runs as worker 0 in <see cref="RunningTopologies"/> while it runs.
/// </summary>
public sealed class IngestTopologies(
    KafkaBackboneService kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics, RunningTopologies running)
    : IHostedService, IDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private ActorSystem? _system;

    public RunningTopology? Authentication { get; private set; }

    public RunningTopology? Raw { get; private set; }

    public RunningTopology? Datapoints { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _system = ActorSystem.Create("streamengine");
        var materializer = _system.Materializer();
        var backbone = kafka.Backbone;
        var authentication = new AuthenticationSettings();
        var gateways = new CredentialCache(async (id, ct) =>
            await registry.FindGateway(id, ct).ConfigureAwait(false) is { } g ? new StoredCredential(g.TokenHash, true) : null,
            hasher, authentication.CredentialRefresh);
        var devices = new CredentialCache(async (id, ct) =>
            await registry.FindDevice(id, ct).ConfigureAwait(false) is { } d ? new StoredCredential(d.TokenHash, d.State) : null,
            hasher, authentication.CredentialRefresh);
        Authentication = Register(KafkaTopologyRunner.Start("authentication", EngineTopics.Reports,
            m => AuthenticationTopology.Create(authentication, gateways, devices, Now, m),
            backbone.Connection, c => EmbeddedTuning.Apply(c, backbone), EngineTopics.DeadLetters, materializer));
        Raw = Register(KafkaTopologyRunner.Start("raw", EngineTopics.Readings,
            m => RawTopology.Create(new RawSettings(), rawStore, Now, m),
            backbone.Connection, c => EmbeddedTuning.Apply(c, backbone), EngineTopics.DeadLetters, materializer));
        Datapoints = Register(KafkaTopologyRunner.Start("datapoints", EngineTopics.Readings,
            m => DatapointsTopology.Create(new DatapointsSettings(), metrics, Now, m),
            backbone.Connection, c => EmbeddedTuning.Apply(c, backbone), EngineTopics.DeadLetters, materializer));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var draining = new[] { Authentication, Raw, Datapoints }.OfType<RunningTopology>().Select(t => t.Drain());
        await Task.WhenAll(draining).WaitAsync(cancellationToken).ConfigureAwait(false);
        _registrations.ForEach(r => r.Dispose());
        if (_system is not null)
        {
            await _system.Terminate().ConfigureAwait(false);
        }
    }

    public void Dispose() => _system?.Dispose();

    private RunningTopology Register(RunningTopology topology)
    {
        _registrations.Add(running.Add(topology, 0));
        return topology;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
