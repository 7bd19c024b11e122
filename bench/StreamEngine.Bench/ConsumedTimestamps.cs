using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>
/// The Kafka timestamp of each record a topology path consumed, by partition and offset, kept until the path's end
/// takes it. Arrays indexed by offset instead of a dictionary, so that measuring adds next to nothing to the measured
/// graph's actor. Put and taken from that one fused graph, so from one thread at a time.
/// </summary>
internal sealed class ConsumedTimestamps(string topic, int partitions)
{
    private readonly long[][] _byPartition = Enumerable.Range(0, partitions).Select(_ => new long[4096]).ToArray();

    public void Put(CommittableOffset offset, long timestampMs)
    {
        ref var times = ref _byPartition[offset.Partition.Partition];
        if (offset.Offset >= times.Length)
        {
            Array.Resize(ref times, (int)Math.Max(times.Length * 2L, offset.Offset + 1));
        }

        times[offset.Offset] = timestampMs;
    }

    /// <summary>
    /// The timestamp of a consumed record's offset, once: false for an offset taken before, and for offsets of another
    /// topic, such as those the alerts topology's loader passes on.
    /// </summary>
    public bool TryTake(CommittableOffset offset, out long timestampMs)
    {
        timestampMs = 0;
        if (offset.Partition.Topic != topic || offset.Offset >= _byPartition[offset.Partition.Partition].Length)
        {
            return false;
        }

        ref var slot = ref _byPartition[offset.Partition.Partition][offset.Offset];
        (timestampMs, slot) = (slot, 0);
        return timestampMs != 0;
    }
}
