using Confluent.Kafka;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>What a consumer group has committed, read without joining the group.</summary>
public static class CommittedOffsets
{
    /// <summary>The records of <paramref name="topic"/> the group has committed past, over all partitions.</summary>
    public static long Total(string bootstrap, string group, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Where(o => o.Offset.Value > 0).Sum(o => o.Offset.Value);
    }
}
