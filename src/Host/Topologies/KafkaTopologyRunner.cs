using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Runs a topology graph between Kafka and Kafka, at-least-once: committable source (the topology's consumer group,
/// shared by its workers) → the topology → producer flow → committer. Every topology runs through this one contract.
/// </summary>
public static class KafkaTopologyRunner
{
    /// <summary>Starts one worker of a topology.</summary>
    /// <param name="name">The topology's name, also its consumer group.</param>
    /// <param name="group">The consumer group, shared by the topology's workers.</param>
    /// <param name="sourceTopic">The topic it consumes.</param>
    /// <param name="topology">Builds the topology's graph with the worker's stage meters (a new <see cref="TopologyMetrics"/> per start).</param>
    /// <param name="connection">The Kafka cluster.</param>
    /// <param name="consumer">Adjusts the consumer's settings.</param>
    /// <param name="deadLettersTopic">Records written here are counted as dead letters by reason.</param>
    /// <param name="materializer">Runs the stream.</param>
    public static RunningTopology Start(
        string name,
        string group,
        string sourceTopic,
        Func<TopologyMetrics, Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed>> topology,
        KafkaConnection connection,
        Func<ConsumerSettings, ConsumerSettings> consumer,
        string deadLettersTopic,
        IMaterializer materializer)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(consumer);
        var metrics = new TopologyMetrics();
        var counters = new TopologyCounters(deadLettersTopic, EngineTopics.Alerts);
        var (control, completion) = KafkaConsumer.CommittableSource(consumer(ConsumerSettings.Create(connection, group)), [sourceTopic])
            .Select(m =>
            {
                counters.CountConsumed();
                return m;
            })
            .Via(topology(metrics))
            .Select(envelope =>
            {
                foreach (var record in envelope.Records)
                {
                    counters.CountWritten(record.Topic, record.Value);
                }

                return envelope;
            })
            .Via(KafkaProducer.FlexiFlow<CommittableOffset>(ProducerSettings.Create(connection)))
            .Select(offset =>
            {
                counters.CountCompleted();
                return offset;
            })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Named(name)
            .Run(materializer);
        return new RunningTopology(name, control, completion, counters, metrics);
    }
}
