namespace StreamEngine.Abstractions.Messaging;

/// <summary>
/// The offset of one consumed record, with the consumer that can commit it and the assignment epoch it was read in,
/// so that an offset read before a rebalance is never committed after it.
/// </summary>
public sealed class CommittableOffset(IOffsetCommitter committer, PartitionId partition, long offset, long assignmentEpoch)
{
    public IOffsetCommitter Committer { get; } = committer;

    public PartitionId Partition { get; } = partition;

    /// <summary>The record's own offset; committing it tells Kafka <c>Offset + 1</c>.</summary>
    public long Offset { get; } = offset;

    /// <summary>The consumer's assignment epoch when the record was read.</summary>
    public long AssignmentEpoch { get; } = assignmentEpoch;

    public override string ToString() => $"{Partition}@{Offset}";
}
