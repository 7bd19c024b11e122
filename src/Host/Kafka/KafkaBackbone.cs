using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Host.Kafka;

/// <summary>
/// The Kafka the engine runs on: the configured one, or the embedded cluster when none is configured;
/// with the engine's topics created.
/// </summary>
public sealed class KafkaBackbone : IDisposable
{
    private readonly EmbeddedKafkaCluster? _embedded;

    private KafkaBackbone(KafkaConnection connection, EmbeddedKafkaCluster? embedded, string listenAddresses)
    {
        Connection = connection;
        _embedded = embedded;
        ListenAddresses = listenAddresses;
    }

    /// <summary>Where the engine's own clients connect.</summary>
    public KafkaConnection Connection { get; }

    /// <summary>Where other clients (kcat, gateways) bootstrap from.</summary>
    public string ListenAddresses { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>The embedded cluster, for fault injection; null when a real Kafka is configured.</summary>
    public EmbeddedKafkaCluster? Embedded => _embedded;

    /// <summary>Connects to (or starts) Kafka and creates the engine's topics that are missing.</summary>
    public static async Task<KafkaBackbone> Start(KafkaSettings settings, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UsesEmbeddedCluster)
        {
            var cluster = EmbeddedKafkaCluster.Start(settings.Embedded);
            foreach (var topic in EngineTopics.All)
            {
                cluster.CreateTopic(topic, settings.Topics.Partitions, settings.Topics.ReplicationFactor);
            }

            var connection = new KafkaConnection(cluster.BootstrapServers, settings.Properties);
            return new KafkaBackbone(connection, cluster, cluster.ListenAddresses);
        }

        var external = new KafkaConnection(settings.BootstrapServers, settings.Properties);
        await CreateMissingTopics(external, settings.Topics, cancellation).ConfigureAwait(false);
        return new KafkaBackbone(external, null, settings.BootstrapServers);
    }

    private static async Task CreateMissingTopics(KafkaConnection connection, TopicSettings topics, CancellationToken cancellation)
    {
        var config = new AdminClientConfig { BootstrapServers = connection.BootstrapServers };
        foreach (var (key, value) in connection.Properties)
        {
            config.Set(key, value);
        }

        using var admin = new AdminClientBuilder(config).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var existing = metadata.Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = EngineTopics.All.Where(t => !existing.Contains(t))
            .Select(t => new TopicSpecification
            {
                Name = t,
                NumPartitions = topics.Partitions,
                ReplicationFactor = (short)Math.Min(topics.ReplicationFactor, metadata.Brokers.Count),
            })
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        cancellation.ThrowIfCancellationRequested();
        try
        {
            await admin.CreateTopicsAsync(missing).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another node created them first.
        }
    }

    public void Dispose() => _embedded?.Dispose();
}
