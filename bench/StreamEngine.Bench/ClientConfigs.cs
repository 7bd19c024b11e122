using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>The plain Confluent clients of the raw paths, set up as the engine's stages set up theirs.</summary>
internal static class ClientConfigs
{
    public static ProducerConfig Producer(string bootstrapServers, double lingerMs = 5) => new()
    {
        BootstrapServers = bootstrapServers,
        LingerMs = lingerMs,
        Acks = Acks.All,
        EnableIdempotence = true,
        DeliveryReportFields = "none",
        QueueBufferingMaxMessages = 200_000,
    };

    /// <summary>A consumer in a group of its own, reading from the start, storing offsets only when told to.</summary>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupPrefix, int? fetchWaitMs) => new()
    {
        FetchWaitMaxMs = fetchWaitMs,
        BootstrapServers = bootstrapServers,
        GroupId = $"{groupPrefix}-{Guid.NewGuid():N}",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        FetchQueueBackoffMs = 10,
        EnablePartitionEof = false,
        ConsumeResultFields = "timestamp",
    };
}
