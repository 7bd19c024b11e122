namespace StreamEngine.Topologies.Raw;

/// <summary>Parameters of the raw topology.</summary>
public sealed record RawSettings
{
    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>
    /// Readings written to the raw store in one transaction, at most. Default 5,000. A transaction writes each page of
    /// the idempotence index it touched once, so when the store falls behind and batches fill, 5,000 rows a commit
    /// cost less than 1,000 did: the raw topology made 59,000–69,000 readings/s on Kafka against 50,000–64,000
    /// (bench/RESULTS.md, issue 3).
    /// </summary>
    public int MaxBatch { get; init; } = 5_000;

    /// <summary>
    /// Longest wait to fill a batch. Default 50 ms: at 20,000 readings/s a batch is then time-bound at about 1,000,
    /// and a reading's p99 to its row stays about what it was with batches of at most 1,000 (under 250 ms).
    /// </summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(50);
}
