using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>What the polling thread may ask of the running source stage; every call crosses into the stage's actor.</summary>
internal interface ISourceLink
{
    /// <summary>A batch was queued while the stage was waiting for one.</summary>
    void DataAvailable();

    /// <summary>
    /// Tells the stage that records of these partitions read before <paramref name="revokedAtEpoch"/> must never be
    /// emitted; completes once the stage has taken that in.
    /// </summary>
    Task Revoke(IReadOnlyList<PartitionId> partitions, long revokedAtEpoch);

    /// <summary>Stop emitting and complete the stream.</summary>
    void Complete();

    /// <summary>The consumer failed for good.</summary>
    void Fail(Exception error);
}
