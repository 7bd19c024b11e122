using System.Globalization;
using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Bench;

/// <summary>
/// A topology as the host runs it: committable source → the topology's graph → producer flow (acks=all) →
/// committer. Each input record's age is taken when its offset reaches the committer, i.e. once everything it
/// caused is acknowledged by Kafka and, for store topologies, written.
/// </summary>
internal sealed class TopologyPath(string bootstrapServers, BenchOptions options)
{
    internal static readonly Config AkkaConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);

    /// <param name="name">What the result table calls it.</param>
    /// <param name="input">The topic the topology reads.</param>
    /// <param name="topology">The graph under test.</param>
    /// <param name="inputs">Input records to wait for.</param>
    /// <param name="readingsPerInput">Readings each input record stands for (a report carries several).</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="onAssigned">Called once the consumer has its partitions (latency mode starts its producer then).</param>
    public async Task<PathResult> RunAsync(
        string name,
        string input,
        Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> topology,
        int inputs,
        int readingsPerInput,
        TimeSpan timeout,
        Action? onAssigned = null)
    {
        using var system = ActorSystem.Create("bench-topology", AkkaConfig);
        var clock = new PathClock();
        var latency = new LatencyRecorder(inputs);
        var timestamps = new ConsumedTimestamps(input, options.Partitions);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long arrived = 0;

        var consumer = new ConsumerSettings
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-{name}-{Guid.NewGuid():N}",
            Properties = options.FetchWaitMs is { } fetchWait
                ? new Dictionary<string, string> { ["fetch.wait.max.ms"] = fetchWait.ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
        var producer = new ProducerSettings { BootstrapServers = bootstrapServers, Linger = TimeSpan.FromMilliseconds(options.LingerMs) };

        var (control, completion) = KafkaConsumer.CommittableSource(consumer, [input])
            .Select(m =>
            {
                clock.FirstRecord();
                timestamps.Put(m.Offset, m.Record.TimestampMs);
                return m;
            })
            .Via(topology)
            .Via(KafkaProducer.FlexiFlow<CommittableOffset>(producer))
            .Select(offset =>
            {
                // Only offsets of consumed records count: the alerts topology's loader passes on offsets of its own.
                if (timestamps.TryTake(offset, out var timestampMs))
                {
                    latency.Record(timestampMs);
                    if (Interlocked.Increment(ref arrived) == inputs)
                    {
                        done.TrySetResult();
                    }
                }

                return offset;
            })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(system.Materializer());

        if (onAssigned is not null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (control.AssignedPartitions.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }

            onAssigned();
        }

        await Task.WhenAny(done.Task, completion, Task.Delay(timeout)).ConfigureAwait(false);
        var result = clock.Finish(name, Interlocked.Read(ref arrived) * readingsPerInput, latency.Summarize());
        await control.DrainAndShutdown(completion).ConfigureAwait(false);
        await system.Terminate().ConfigureAwait(false);
        return result;
    }
}
