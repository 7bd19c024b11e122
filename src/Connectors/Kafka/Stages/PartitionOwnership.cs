using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// Which partitions a consumer owns and since which assignment epoch. Every assignment and every revocation
/// starts a new epoch; an offset may be committed only if its partition is owned and was read in the current
/// ownership (its epoch is not older than the partition's assignment).
/// </summary>
internal sealed class PartitionOwnership
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PartitionId, long> _assignedAt = [];
    private long _epoch;

    /// <summary>The current epoch: records read now belong to it.</summary>
    public long Epoch
    {
        get
        {
            lock (_lock)
            {
                return _epoch;
            }
        }
    }

    public IReadOnlyCollection<PartitionId> Assigned
    {
        get
        {
            lock (_lock)
            {
                return [.. _assignedAt.Keys];
            }
        }
    }

    /// <summary>Records newly assigned partitions; returns the epoch they start in.</summary>
    public long Assign(IEnumerable<PartitionId> partitions)
    {
        lock (_lock)
        {
            _epoch++;
            foreach (var partition in partitions)
            {
                _assignedAt[partition] = _epoch;
            }

            return _epoch;
        }
    }

    /// <summary>The epoch a revocation of now will start: records read before it must not be emitted after it.</summary>
    public long NextEpoch
    {
        get
        {
            lock (_lock)
            {
                return _epoch + 1;
            }
        }
    }

    /// <summary>Forgets revoked partitions: from here on no offset of theirs can be committed.</summary>
    public void Revoke(IEnumerable<PartitionId> partitions)
    {
        lock (_lock)
        {
            _epoch++;
            foreach (var partition in partitions)
            {
                _assignedAt.Remove(partition);
            }
        }
    }

    /// <summary>Runs <paramref name="store"/> for each offset still owned, under the lock, so no revocation interleaves.</summary>
    public CommitOutcome StoreOwned(IEnumerable<CommittableOffset> offsets, Func<CommittableOffset, bool> store)
    {
        var committed = 0;
        var skipped = 0;
        lock (_lock)
        {
            foreach (var offset in offsets)
            {
                if (_assignedAt.TryGetValue(offset.Partition, out var since) && offset.AssignmentEpoch >= since && store(offset))
                {
                    committed++;
                }
                else
                {
                    skipped++;
                }
            }
        }

        return new CommitOutcome(committed, skipped);
    }
}
