using Confluent.Kafka;

namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>A producer flow's producer: acks from all replicas and idempotence, always.</summary>
public sealed record ProducerSettings
{
    public required string BootstrapServers { get; init; }

    /// <summary>Records sent but not yet acknowledged, at most. Default 20,000.</summary>
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary>How long the producer waits to fill a batch. Default 5 ms.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long librdkafka retries a record before the flow fails. Default 5 minutes.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra librdkafka properties; they win over everything above except acks and idempotence.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public static ProducerSettings Create(KafkaConnection connection) => new()
    {
        BootstrapServers = connection.BootstrapServers,
        Properties = connection.Properties,
    };

    internal ProducerConfig ToProducerConfig()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = Linger.TotalMilliseconds,
            MessageTimeoutMs = (int)DeliveryTimeout.TotalMilliseconds,
            QueueBufferingMaxMessages = Math.Max(MaxInFlight * 2, 100_000),
            DeliveryReportFields = "none",
        };
        foreach (var (key, value) in Properties)
        {
            config.Set(key, value);
        }

        // Never overridable: a record counts as written only when every in-sync replica has it, exactly once.
        config.Acks = Acks.All;
        config.EnableIdempotence = true;
        return config;
    }
}
