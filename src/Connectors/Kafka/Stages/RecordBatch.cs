using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>Records handed from the polling thread to the source stage in one go, all read in one assignment epoch.</summary>
internal sealed class RecordBatch(long epoch, CommittableMessage[] messages)
{
    public long Epoch { get; } = epoch;

    public CommittableMessage[] Messages { get; } = messages;
}
