using Akka;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Kafka.Stages;

namespace StreamEngine.Connectors.Kafka.Dsl;

/// <summary>Sinks that commit consumed offsets.</summary>
public static class Committer
{
    /// <summary>
    /// Commits the highest offset per partition every <see cref="CommitterSettings.MaxBatch"/> offsets or
    /// <see cref="CommitterSettings.MaxInterval"/>, and what is left when the stream completes.
    /// </summary>
    public static Sink<CommittableOffset, Task<Done>> Sink(CommitterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Streams.Dsl.Sink.FromGraph(new CommitterSinkStage(settings));
    }
}
