namespace StreamEngine.Topologies.Raw;

/// <summary>Parameters of the raw topology.</summary>
public sealed record RawSettings
{
    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>Readings written to the raw store in one transaction, at most. Default 1,000.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>Longest wait to fill a batch. Default 100 ms.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(100);
}
