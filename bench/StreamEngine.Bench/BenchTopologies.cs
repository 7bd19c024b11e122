using Akka;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Storage;
using StreamEngine.Topologies.Authentication;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Raw;

namespace StreamEngine.Bench;

/// <summary>
/// The engine's topologies with what they need to run here: the fleet's credentials for authentication, a fresh
/// SQLite file for the stores (deleted afterwards).
/// </summary>
internal sealed class BenchTopologies : IDisposable
{
    public static readonly IReadOnlyList<string> Names = ["authentication", "raw", "datapoints"];

    private readonly string _directory = Directory.CreateTempSubdirectory("streamengine-bench-").FullName;
    private readonly List<IDisposable> _stores = [];

    /// <summary>The input topic of a topology, how to make its records, and how many readings one record holds.</summary>
    public static (string Topic, Func<long, long, InputRecord> Make, int ReadingsPerInput) Input(string name) => name switch
    {
        "authentication" => ("in-reports", BenchFleet.Report, BenchFleet.ReadingsPerReport),
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
                return AuthenticationTopology.Create(settings, gateways, devices, Now);
            case "raw":
                var raw = new SqliteRawStore(Path.Combine(_directory, "raw.db"));
                _stores.Add(raw);
                return RawTopology.Create(new RawSettings(), raw, Now);
            case "datapoints":
                var metrics = new SqliteMetricStore(Path.Combine(_directory, "metrics.db"));
                _stores.Add(metrics);
                return DatapointsTopology.Create(new DatapointsSettings(), metrics, Now);
            default:
                throw new ArgumentException($"Unknown topology {name}; the bench runs {string.Join(", ", Names)}.", nameof(name));
        }
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_directory, recursive: true);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
