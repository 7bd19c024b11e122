using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Kafka.Stages;

public sealed class CommitterSinkStageSpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("committer-spec");
    private readonly RecordingCommitter _committer = new();

    [Fact]
    public async Task Commits_the_highest_offset_per_partition_once_a_batch_is_full()
    {
        var offsets = new[] { Offset(0, 1), Offset(0, 2), Offset(1, 5), Offset(1, 6) };
        var (queue, done) = Source.Queue<CommittableOffset>(10, OverflowStrategy.Fail)
            .ToMaterialized(Committer.Sink(new CommitterSettings { MaxBatch = 3, MaxInterval = TimeSpan.FromHours(1) }), Keep.Both)
            .Run(_system.Materializer());
        foreach (var offset in offsets.Take(3))
        {
            await queue.OfferAsync(offset);
        }

        await Eventually.True(() => _committer.Commits.Count == 1, "the first full batch to be committed", TimeSpan.FromSeconds(5));
        Assert.Equal(["p/0@2", "p/1@5"], _committer.Commits.Single().Order());

        await queue.OfferAsync(offsets[3]);
        queue.Complete();
        await done;
        Assert.Equal(["p/1@6"], _committer.Commits.Last());
    }

    [Fact]
    public async Task Commits_what_it_gathered_after_the_interval_without_a_full_batch()
    {
        var (queue, _) = Source.Queue<CommittableOffset>(10, OverflowStrategy.Fail)
            .ToMaterialized(Committer.Sink(new CommitterSettings { MaxBatch = 1000, MaxInterval = TimeSpan.FromMilliseconds(100) }), Keep.Both)
            .Run(_system.Materializer());
        await queue.OfferAsync(Offset(3, 42));

        await Eventually.True(() => !_committer.Commits.IsEmpty, "the interval commit", TimeSpan.FromSeconds(5));
        Assert.Equal(["p/3@42"], _committer.Commits.Single());
        queue.Complete();
    }

    [Fact]
    public async Task Commits_what_it_processed_before_an_upstream_failure_and_reports_the_failure()
    {
        var done = Source.From([Offset(0, 7)])
            .Concat(Source.Failed<CommittableOffset>(new InvalidOperationException("boom")))
            .RunWith(Committer.Sink(new CommitterSettings { MaxInterval = TimeSpan.FromHours(1) }), _system.Materializer());

        await Assert.ThrowsAsync<InvalidOperationException>(() => done);
        Assert.Equal(["p/0@7"], _committer.Commits.Single());
    }

    private CommittableOffset Offset(int partition, long offset) => new(_committer, new PartitionId("p", partition), offset, 0);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    private sealed class RecordingCommitter : IOffsetCommitter
    {
        public ConcurrentQueue<string[]> Commits { get; } = new();

        public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets)
        {
            var committed = offsets.Select(o => o.ToString()).ToArray();
            Commits.Enqueue(committed);
            return new CommitOutcome(committed.Length, 0);
        }
    }
}
