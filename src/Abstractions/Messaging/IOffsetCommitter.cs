namespace StreamEngine.Abstractions.Messaging;

/// <summary>
/// Takes the offsets of fully processed records and commits them for the consumer that read them.
/// Offsets of partitions the consumer no longer owns are skipped, never committed.
/// </summary>
public interface IOffsetCommitter
{
    /// <summary>Commits each offset (the record's offset; Kafka is told offset + 1). Thread-safe.</summary>
    /// <returns>How many offsets were taken and how many were skipped because their partition was revoked.</returns>
    CommitOutcome Commit(IEnumerable<CommittableOffset> offsets);
}
