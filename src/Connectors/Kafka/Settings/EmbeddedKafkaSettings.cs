namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>The embedded (in-process mock) Kafka cluster: section <c>Kafka:Embedded</c>.</summary>
public sealed record EmbeddedKafkaSettings
{
    /// <summary>How many brokers. Default 3.</summary>
    public int Brokers { get; init; } = 3;

    /// <summary>The address the fixed listeners bind to. Default 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The first broker's fixed port; broker N listens on Port + N - 1. 0 picks free ports. Default 9092.</summary>
    public int Port { get; init; } = 9092;

    /// <summary>How long a new consumer group waits for more members before its first rebalance. Default 0 ms.</summary>
    public int InitialRebalanceDelayMs { get; init; }
}
