namespace StreamEngine.Bench;

/// <summary>
/// Consumed records awaiting their delivery report, in consume order. Only the oldest run of acknowledged records
/// is released, so a stored offset never passes a record whose output is not yet durable (at-least-once).
/// One thread adds and releases; any thread marks done.
/// </summary>
internal sealed class InFlightRing(int capacity)
{
    private readonly int[] _partitions = new int[capacity];
    private readonly long[] _offsets = new long[capacity];
    private readonly long[] _timestamps = new long[capacity];
    private readonly int[] _done = new int[capacity];
    private long _head;
    private long _tail;

    public bool IsFull => _tail - _head >= capacity;

    /// <summary>Records taken in and not yet released.</summary>
    public long Count => _tail - _head;

    public int Add(int partition, long offset, long timestampMs)
    {
        var slot = (int)(_tail % capacity);
        _partitions[slot] = partition;
        _offsets[slot] = offset;
        _timestamps[slot] = timestampMs;
        Volatile.Write(ref _done[slot], 0);
        _tail++;
        return slot;
    }

    /// <summary>Called from the delivery report.</summary>
    public void MarkDone(int slot) => Volatile.Write(ref _done[slot], 1);

    /// <summary>Releases the oldest acknowledged records: their offsets go to <paramref name="offsets"/>, their ages to <paramref name="latency"/>.</summary>
    /// <returns>How many were released.</returns>
    public int Release(PartitionOffsets offsets, LatencyRecorder latency)
    {
        var released = 0;
        while (_head < _tail)
        {
            var slot = (int)(_head % capacity);
            if (Volatile.Read(ref _done[slot]) == 0)
            {
                break;
            }

            offsets.Advance(_partitions[slot], _offsets[slot]);
            latency.Record(_timestamps[slot]);
            _head++;
            released++;
        }

        return released;
    }
}
