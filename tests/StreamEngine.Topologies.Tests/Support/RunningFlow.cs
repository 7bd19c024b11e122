using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Testing;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>A topology running behind a queue: feed records one at a time and wait for their envelopes, then stop it.</summary>
public sealed class RunningFlow
{
    private readonly ISourceQueueWithComplete<CommittableMessage> _queue;
    private readonly Task _done;
    private readonly NoCommits _committer = new();
    private int _fed;

    public RunningFlow(Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> topology, ActorSystem system)
    {
        (_queue, _done) = Source.Queue<CommittableMessage>(1_024, OverflowStrategy.Backpressure)
            .Via(topology)
            .ToMaterialized(Sink.ForEach<ProducerEnvelope<CommittableOffset>>(Out.Enqueue), Keep.Both)
            .Run(system.Materializer());
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

    public async Task Stop()
    {
        _queue.Complete();
        await _done.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
