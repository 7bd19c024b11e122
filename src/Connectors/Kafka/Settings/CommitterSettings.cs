namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>The committer sink: commit after this many offsets or this long, whichever comes first.</summary>
public sealed record CommitterSettings
{
    /// <summary>Offsets gathered before a commit. Default 1,000.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>Longest wait before gathered offsets are committed. Default 1 s.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(1);
}
