namespace StreamEngine.Topologies.Legacy;

/// <summary>Parameters of the legacy topology (thesis 7.3.6), with the defaults of DESIGN.md sections 4 and 6b.</summary>
public sealed record LegacySettings
{
    /// <summary>The legacy API each reading is posted to (<c>Legacy:Url</c>); empty = the topology is not deployed.</summary>
    public string Url { get; init; } = "";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>Posts in flight at once, at most. Default 16.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>
    /// Readings on their way through the post stage at most: they come out in order, so those behind a post still
    /// waiting for its answer wait for it, while the posts of those behind go out meanwhile. Default 1,000.
    /// </summary>
    public int Window { get; init; } = 1_000;

    /// <summary>Tries after the first before a reading becomes a <c>legacy-failed</c> dead letter. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The wait before the first retry; doubled each time. Default 200 ms.</summary>
    public TimeSpan RetryFirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two tries. Default 10 s.</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one post may take before it counts as failed and is retried. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
