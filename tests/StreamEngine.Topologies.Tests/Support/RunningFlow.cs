using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Testing;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// A topology running behind a queue, on a materializer of its own: feed records one at a time and wait for their
/// envelopes, then stop it, or abort it as a crash would.
/// </summary>
public sealed class RunningFlow
{
    private readonly ActorMaterializer _materializer;
    private readonly ISourceQueueWithComplete<CommittableMessage> _queue;
    private readonly UniqueKillSwitch _killSwitch;
    private readonly Task _done;
    private readonly NoCommits _committer = new();
    private int _fed;

    public RunningFlow(Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> topology, ActorSystem system)
    {
        // Given settings, Create makes a materializer of this flow's own; without, it hands out the system's shared one.
        _materializer = ActorMaterializer.Create(system, ActorMaterializerSettings.Create(system));
        ((_queue, _killSwitch), _done) = Source.Queue<CommittableMessage>(1_024, OverflowStrategy.Backpressure)
            .Via(topology)
            .ViaMaterialized(KillSwitches.Single<ProducerEnvelope<CommittableOffset>>(), Keep.Both)
            .ToMaterialized(Sink.ForEach<ProducerEnvelope<CommittableOffset>>(Out.Enqueue), Keep.Both)
            .Run(_materializer);
    }

    public ConcurrentQueue<ProducerEnvelope<CommittableOffset>> Out { get; } = new();

    public IEnumerable<ProducerRecord> Records(string topic) => Out.SelectMany(e => e.Records).Where(r => r.Topic == topic);

    /// <summary>Offers a record of <c>readings</c> at this offset without waiting for it.</summary>
    public async Task Offer(byte[] value, long offset)
    {
        var message = new CommittableMessage(
            new ConsumedRecord("readings", 0, offset, null, value, 0), new CommittableOffset(_committer, new PartitionId("readings", 0), offset, 1));
        Interlocked.Increment(ref _fed);
        var result = await _queue.OfferAsync(message);
        Assert.IsType<QueueOfferResult.Enqueued>(result);
    }

    /// <summary>Offers a record and waits until every record offered so far has come out.</summary>
    public async Task Feed(byte[] value, long offset)
    {
        await Offer(value, offset);
        await Drained();
    }

    public Task Drained() => Eventually.True(() => Out.Count(e => e.PassThrough.Partition.Topic == "readings") >= Volatile.Read(ref _fed), "every record fed has passed its offset on");

    /// <summary>The offsets of <c>readings</c> passed on so far, in the order they came out.</summary>
    public IEnumerable<long> PassedOn() => Out.Where(e => e.PassThrough.Partition.Topic == "readings").Select(e => e.PassThrough.Offset);

    /// <summary>Closes the input and waits until what was fed has been worked off: a graceful stop.</summary>
    public async Task Stop()
    {
        _queue.Complete();
        await _done.WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Tears the graph down mid-work, as the death of its process would: the output fails at once, every stage is
    /// cancelled where it is, with no draining, and the materializer shuts down. Returns once nothing passes an offset
    /// on any more.
    /// </summary>
    public async Task Abort()
    {
        _killSwitch.Abort(new InvalidOperationException("the process running the topology died"));
        await Eventually.True(() => _done.IsCompleted, "the aborted graph has stopped");
        _materializer.Shutdown();
    }
}
