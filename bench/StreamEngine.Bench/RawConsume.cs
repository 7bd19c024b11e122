using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>Reads the topic with a plain Confluent consumer, doing nothing with the records.</summary>
internal static class RawConsume
{
    public static PathResult Run(string bootstrapServers, string topic, int records, TimeSpan timeout, int? fetchWaitMs)
    {
        var clock = new PathClock();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(bootstrapServers, "bench-consume", fetchWaitMs)).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + timeout;
        var consumed = 0;
        while (consumed < records && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
            {
                clock.FirstRecord();
                consumed++;
            }
        }

        var result = clock.Finish("raw consume", consumed);
        consumer.Close();
        return result;
    }
}
