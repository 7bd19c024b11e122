using Confluent.Kafka;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>Reads a whole topic from the beginning, without a consumer group's offsets.</summary>
public static class TopicReader
{
    /// <summary>
    /// Reads until at least <paramref name="expected"/> values came (or the patience ran out), then on until the topic
    /// stays quiet for a second, so that extra values show up too.
    /// </summary>
    public static List<byte[]> ReadAll(string bootstrap, string topic, int expected, TimeSpan patience)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        using (var admin = new DependentAdminClientBuilder(consumer.Handle).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        var values = new List<byte[]>();
        var deadline = DateTime.UtcNow + patience;
        while (values.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                values.Add(result.Message.Value);
            }
        }

        while (consumer.Consume(TimeSpan.FromSeconds(1)) is { } extra)
        {
            values.Add(extra.Message.Value);
        }

        return values;
    }
}
