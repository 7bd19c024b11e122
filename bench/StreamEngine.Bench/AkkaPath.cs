using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Bench;

/// <summary>
/// The engine's path: committable source → parse → producer flex flow (acks=all) → committer sink, at-least-once.
/// Done when every expected offset has reached the committer; then drained and shut down.
/// </summary>
internal sealed class AkkaPath(string bootstrapServers, BenchOptions options)
{
    private static readonly Config AkkaConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);

    /// <summary>Runs until <c>records</c> offsets reached the committer; <c>onAssigned</c> is called once the consumer has its partitions (latency mode starts its producer then).</summary>
    public async Task<PathResult> RunAsync(string input, string output, int records, TimeSpan timeout, Action? onAssigned = null)
    {
        using var system = ActorSystem.Create("bench", AkkaConfig);
        var materializer = system.Materializer();
        var latency = new LatencyRecorder(records);
        var arrivals = new SinkArrivals(records, latency);
        var clock = new PathClock();
        var toEnvelope = new ReadingToEnvelope(output, clock);

        var consumerSettings = new ConsumerSettings
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-akka-{Guid.NewGuid():N}",
            MaxBatchSize = options.SourceBatch,
            Properties = options.FetchWaitMs is { } fetchWait
                ? new Dictionary<string, string> { ["fetch.wait.max.ms"] = fetchWait.ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
        if (options.MaxBuffered is { } maxBuffered)
        {
            consumerSettings = consumerSettings with { MaxBufferedRecords = maxBuffered };
        }

        var producerSettings = new ProducerSettings
        {
            BootstrapServers = bootstrapServers,
            Linger = TimeSpan.FromMilliseconds(options.LingerMs),
        };
        if (options.MaxInFlight is { } maxInFlight)
        {
            producerSettings = producerSettings with { MaxInFlight = maxInFlight };
        }

        var buffer = Attributes.CreateInputBuffer(options.InputBuffer, options.InputBuffer);

        var source = KafkaConsumer.CommittableSource(consumerSettings, [input]);
        if (options.Async != AsyncBoundaries.None)
        {
            source = source.Async();
        }

        var parsed = source.Select(toEnvelope.Map).AddAttributes(buffer);
        if (options.Async == AsyncBoundaries.All)
        {
            parsed = parsed.Async();
        }

        var (control, completion) = parsed
            .Via(KafkaProducer.FlexiFlow<OffsetWithTimestamp>(producerSettings).AddAttributes(buffer))
            .Select(arrivals.Arrive)
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(materializer);

        if (onAssigned is not null)
        {
            await WhenAssigned(control, timeout).ConfigureAwait(false);
            onAssigned();
        }

        await Task.WhenAny(arrivals.All, completion, Task.Delay(timeout)).ConfigureAwait(false);
        var result = clock.Finish("Akka Streams path", arrivals.Count, latency.Summarize());
        await control.DrainAndShutdown(completion).ConfigureAwait(false);
        await system.Terminate().ConfigureAwait(false);
        return result;
    }

    private static async Task WhenAssigned(IConsumerControl control, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (control.AssignedPartitions.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
