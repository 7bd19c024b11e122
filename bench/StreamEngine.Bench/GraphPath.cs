using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>
/// A topology's graph without Kafka: readings built in memory before the clock starts → the topology → a sink that
/// counts the offsets passed on. What the graph manages with its state store and HTTP peers, with no consumer or
/// producer sharing the cores.
/// </summary>
internal static class GraphPath
{
    public static async Task<PathResult> RunAsync(
        string name,
        Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> topology,
        Func<long, long, InputRecord> make,
        int inputs,
        int readingsPerInput,
        TimeSpan timeout)
    {
        var messages = Build(make, inputs);
        using var system = ActorSystem.Create("bench-graph", TopologyPath.AkkaConfig);
        var clock = new PathClock();
        long passed = 0;
        var completion = Source.From(messages)
            .Select(m =>
            {
                clock.FirstRecord();
                return m;
            })
            .Via(topology)
            .RunForeach(
                envelope =>
                {
                    // The alerts topology's loader passes on offsets of its own, which stand for no input record.
                    if (envelope.PassThrough.Committer is NoCommits)
                    {
                        Interlocked.Increment(ref passed);
                    }
                },
                system.Materializer());
        await Task.WhenAny(completion, Task.Delay(timeout)).ConfigureAwait(false);
        var result = clock.Finish(name, Interlocked.Read(ref passed) * readingsPerInput);
        await system.Terminate().ConfigureAwait(false);
        return result;
    }

    private static CommittableMessage[] Build(Func<long, long, InputRecord> make, int inputs)
    {
        var committer = new NoCommits();
        var partition = new PartitionId("in-memory", 0);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var messages = new CommittableMessage[inputs];
        for (var i = 0; i < inputs; i++)
        {
            var (key, value) = make(i, nowMs);
            messages[i] = new CommittableMessage(new ConsumedRecord(partition.Topic, 0, i, key, value, nowMs), new CommittableOffset(committer, partition, i, 0));
        }

        return messages;
    }
}
