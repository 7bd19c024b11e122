using Akka.Actor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Registry;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// Makes the host a cluster node: opens what topologies share, joins the cluster of the <c>Cluster</c> section, and
/// on stop leaves it, so that this node's workers drain (what they took is committed) and move to the other nodes.
/// </summary>
public sealed partial class ClusterService(
    KafkaBackboneService kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics,
    IHttpClientFactory http, RunningTopologies running, IConfiguration configuration, TimeProvider clock, ILoggerFactory logs)
    : IHostedService, ITopologyManagerClient, IAsyncDisposable
{
    private readonly ILogger _logger = logs.CreateLogger<ClusterService>();
    private ClusterNode? _node;

    /// <summary>What this node's topologies share; null before start.</summary>
    public TopologyResources? Resources { get; private set; }

    /// <summary>This cluster node; set once the service has started.</summary>
    public ClusterNode Node => _node ?? throw new InvalidOperationException("The cluster node has not started yet.");

    /// <inheritdoc/>
    /// <remarks>Before this node has started, fails as an unanswered ask does.</remarks>
    public Task<object> Ask(ManagerCommand command, CancellationToken cancellation = default) =>
        _node is { } node
            ? node.Ask(command, cancellation)
            : Task.FromException<object>(new AskTimeoutException("This node has not joined the cluster yet; wait until it logs 'Cluster node ... up'."));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        if (string.IsNullOrEmpty(settings.JournalConnectionString) && settings.JournalProvider == JournalProviders.Sqlite)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(SqliteRegistry.PathFrom(configuration)))!;
            Directory.CreateDirectory(directory);
            settings = settings with { JournalConnectionString = $"Data Source={Path.Combine(directory, "cluster.db")}" };
        }

        JournalProviders.Check(settings);
        Resources = await TopologyResources.Open(kafka.Backbone, registry, hasher, rawStore, metrics, http, configuration, clock, logs)
            .ConfigureAwait(false);
        var factory = new TopologyFactory(Resources, running);
        _node = ClusterNode.Start(settings, factory, BuiltIns(settings));
        LogJoined(_logger, _node.Address, settings.SeedNodes.Count == 0 ? "itself" : string.Join(", ", settings.SeedNodes));
    }

    /// <summary>
    /// The built-in definitions, without the legacy topology while <c>Legacy:Url</c> is not set: it has nowhere to
    /// post. Deploy it later (params.url set) through the API or the CLI.
    /// </summary>
    private IReadOnlyList<(string Document, DefinitionFormat Format)> BuiltIns(ClusterSettings settings)
    {
        var builtIns = BuiltInDefinitions.Read(settings.BuiltInTopologies);
        if (!string.IsNullOrEmpty(configuration["Legacy:Url"]))
        {
            return builtIns;
        }

        LogLegacySkipped(_logger);
        return [.. builtIns.Where(b => DefinitionDocuments.Read(b.Document, b.Format).Definition?.Kind != TopologyKind.Legacy)];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Resources is not null)
        {
            await Resources.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Legacy:Url is not set: a new cluster does not deploy the legacy topology (deploy cluster-config/topologies/legacy.yaml with params.url once there is a legacy API)")]
    private static partial void LogLegacySkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster node {Address} up, joining {Seeds}")]
    private static partial void LogJoined(ILogger logger, string address, string seeds);
}
