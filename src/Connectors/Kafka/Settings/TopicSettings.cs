namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>The topics the engine creates: section <c>Kafka:Topics</c>.</summary>
public sealed record TopicSettings
{
    /// <summary>Partitions of each topic the engine creates. Default 6.</summary>
    public int Partitions { get; init; } = 6;

    /// <summary>Replication factor; capped at the number of brokers. Default 3.</summary>
    public int ReplicationFactor { get; init; } = 3;
}
