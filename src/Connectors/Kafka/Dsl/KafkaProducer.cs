using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Kafka.Stages;

namespace StreamEngine.Connectors.Kafka.Dsl;

/// <summary>Flows that write to Kafka.</summary>
public static class KafkaProducer
{
    /// <summary>
    /// Writes each envelope's records (zero or more) with acks=all and idempotence, and emits the envelope's
    /// pass-through value once all of them are acknowledged, in the order the envelopes came in.
    /// </summary>
    public static Flow<ProducerEnvelope<TPass>, TPass, NotUsed> FlexiFlow<TPass>(ProducerSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Flow.FromGraph(new ProducerFlowStage<TPass>(settings, logger ?? NullLogger.Instance));
    }
}
