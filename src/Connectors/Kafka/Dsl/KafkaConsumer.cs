using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Kafka.Stages;

namespace StreamEngine.Connectors.Kafka.Dsl;

/// <summary>Sources that read Kafka topics.</summary>
public static class KafkaConsumer
{
    /// <summary>
    /// Subscribes the group to the topics and emits each record with its committable offset. Never emits a record
    /// of a partition after it was revoked, and never commits an offset of a partition it no longer owns.
    /// The materialized control stops fetching, drains and shuts the consumer down.
    /// </summary>
    public static Source<CommittableMessage, IConsumerControl> CommittableSource(
        ConsumerSettings settings, IReadOnlyCollection<string> topics, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            throw new ArgumentException("A committable source needs at least one topic to subscribe to.", nameof(topics));
        }

        return Source.FromGraph(new CommittableSourceStage(settings, topics, logger ?? NullLogger.Instance));
    }
}
