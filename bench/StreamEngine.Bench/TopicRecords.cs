using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// How many records a topic still holds (high minus low watermark, summed over its partitions). The embedded mock
/// cluster keeps only about 5 MiB per partition and silently drops older records; a run whose input was cut so is
/// not a measurement.
/// </summary>
internal static class TopicRecords
{
    public static long Held(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(bootstrapServers, "watermarks", null)).Build();
        return Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)))
            .Sum(w => w.High.Value - w.Low.Value);
    }

    /// <summary>A warning when <paramref name="topic"/> holds fewer than <paramref name="written"/> records, else null.</summary>
    public static string? DroppedWarning(string bootstrapServers, string topic, int partitions, long written)
    {
        var held = Held(bootstrapServers, topic, partitions);
        return held >= written
            ? null
            : $"WARNING: {topic} holds only {held:N0} of the {written:N0} records written: the embedded Kafka cluster keeps about 5 MiB per partition and dropped the rest. Run again with more --partitions.";
    }
}
