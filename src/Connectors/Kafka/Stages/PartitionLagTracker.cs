using System.Collections.Concurrent;
using Confluent.Kafka;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// The group's lag on each partition a consumer owns: the partition's high watermark as librdkafka last saw it in a
/// fetch response (cached, no request) minus the offset done up to — the last offset stored for commit, or before
/// any, what the group had committed when the partition was assigned (asked once), or the low watermark when the
/// group never committed. Refreshed by the polling thread at most once per <see cref="Every"/>, never per record.
/// </summary>
internal sealed class PartitionLagTracker
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CommittedTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<PartitionId, long> _stored = new();
    private readonly Dictionary<PartitionId, long> _committedAtAssignment = [];
    private volatile IReadOnlyList<PartitionLag> _lag = [];
    private long? _refreshedAt;

    /// <summary>The lag per owned partition at the last refresh, by topic and partition; a partition whose high watermark is not yet known is left out.</summary>
    public IReadOnlyList<PartitionLag> Lag => _lag;

    /// <summary>The record at <paramref name="offset"/> is done: the group is done up to the next one.</summary>
    public void Stored(PartitionId partition, long offset) => _stored[partition] = offset + 1;

    /// <summary>Forgets revoked partitions: a later owner starts from what is committed then.</summary>
    public void Revoked(IEnumerable<PartitionId> partitions)
    {
        foreach (var partition in partitions)
        {
            _stored.TryRemove(partition, out _);
            _committedAtAssignment.Remove(partition);
        }

        _refreshedAt = null;
    }

    /// <summary>
    /// On the polling thread: recomputes the lag if the last refresh is older than <see cref="Every"/>. Called before every
    /// poll, so it asks <paramref name="ownership"/> for the owned partitions only when it refreshes: copying them each time
    /// was a third of all a consuming topology allocated (bench/RESULTS.md).
    /// </summary>
    public void Refresh(IConsumer<byte[]?, byte[]> consumer, PartitionOwnership ownership)
    {
        var now = Environment.TickCount64;
        if (now - _refreshedAt < (long)Every.TotalMilliseconds)
        {
            return;
        }

        _refreshedAt = now;
        var assigned = ownership.Assigned;
        AskCommitted(consumer, assigned);
        var lag = new List<PartitionLag>(assigned.Count);
        foreach (var partition in assigned.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition))
        {
            var watermarks = consumer.GetWatermarkOffsets(new TopicPartition(partition.Topic, partition.Partition));
            if (watermarks.High == Offset.Unset)
            {
                continue;
            }

            var done = _stored.TryGetValue(partition, out var stored) ? stored
                : _committedAtAssignment.TryGetValue(partition, out var committed) && committed >= 0 ? committed
                : Math.Max(0, watermarks.Low.Value);
            lag.Add(new PartitionLag(partition.Topic, partition.Partition, Math.Max(0, watermarks.High.Value - done)));
        }

        _lag = lag;
    }

    private void AskCommitted(IConsumer<byte[]?, byte[]> consumer, IReadOnlyCollection<PartitionId> assigned)
    {
        var unknown = assigned.Where(p => !_committedAtAssignment.ContainsKey(p) && !_stored.ContainsKey(p)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var committed in consumer.Committed(unknown.Select(p => new TopicPartition(p.Topic, p.Partition)), CommittedTimeout))
            {
                _committedAtAssignment[new PartitionId(committed.Topic, committed.Partition.Value)] = committed.Offset.Value;
            }
        }
        catch (KafkaException)
        {
            // The coordinator did not answer in time: ask again at the next refresh, the lag waits for it.
        }
    }
}
