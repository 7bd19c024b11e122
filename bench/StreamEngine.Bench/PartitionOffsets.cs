using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>The highest released offset per partition of one topic, and which ones moved since they were last stored.</summary>
internal sealed class PartitionOffsets(string topic, int partitions)
{
    private readonly long[] _highest = new long[partitions];
    private readonly bool[] _moved = new bool[partitions];

    public void Advance(int partition, long offset)
    {
        _highest[partition] = offset;
        _moved[partition] = true;
    }

    /// <summary>Stores (offset + 1) of every partition that moved; librdkafka commits them in the background.</summary>
    public void StoreMoved(IConsumer<byte[], byte[]> consumer)
    {
        for (var p = 0; p < _moved.Length; p++)
        {
            if (_moved[p])
            {
                consumer.StoreOffset(new TopicPartitionOffset(topic, p, _highest[p] + 1));
                _moved[p] = false;
            }
        }
    }
}
