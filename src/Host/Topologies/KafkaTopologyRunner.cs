using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Runs a topology graph between Kafka and Kafka, at-least-once: committable source (the topology's consumer group,
/// shared by its workers) → the topology → producer flow → committer. Every topology runs through this one contract.
/// </summary>
public static class KafkaTopologyRunner
{
    public static RunningTopology Start(
        string name,
        string group,
        string sourceTopic,
        Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> topology,
        KafkaConnection connection,
        Func<ConsumerSettings, ConsumerSettings> consumer,
        string deadLettersTopic,
        IMaterializer materializer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var counters = new TopologyCounters(deadLettersTopic, EngineTopics.Alerts);
        var (control, completion) = KafkaConsumer.CommittableSource(consumer(ConsumerSettings.Create(connection, group)), [sourceTopic])
            .Select(m =>
            {
                counters.CountConsumed();
                return m;
            })
            .Via(topology)
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
        return new RunningTopology(name, control, completion, counters);
    }
}
