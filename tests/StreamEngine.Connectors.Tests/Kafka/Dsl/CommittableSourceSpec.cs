using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Dsl;
using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Tests.Support;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Kafka.Dsl;

[Collection(KafkaTests.Name)]
public sealed class CommittableSourceSpec(KafkaFixture kafka)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_committed_offset_Kafka_no_longer_has_is_reported_as_a_warning_when_the_consumer_moves_off_it()
    {
        var topic = kafka.NewTopic("gone", partitions: 1);
        var group = KafkaFixture.NewGroup("gone");
        kafka.ProduceNumbers(topic, 10);
        // The group's position points past what the partition holds, as after records were deleted under it.
        using (var committer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build())
        {
            committer.Commit([new TopicPartitionOffset(topic, 0, 1_000_000)]);
        }

        var logger = new RecordingLogger();
        var read = new ConcurrentQueue<long>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [topic], logger)
            .Select(m => { read.Enqueue(m.Record.Offset); return m.Offset; })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => read.Count == 10, "the consumer to read the partition from its start", Patience);
        await control.DrainAndShutdown(done);

        var warning = Assert.Single(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("offset reset", StringComparison.Ordinal));
        Assert.Contains($"Group {group}: ", warning.Text, StringComparison.Ordinal);
        Assert.Contains($"{topic} [0]", warning.Text, StringComparison.Ordinal);
        Assert.Contains("deleted before they were read", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_consumer_in_the_group_starts_exactly_after_the_last_committed_offset()
    {
        var topic = kafka.NewTopic("resume");
        var group = KafkaFixture.NewGroup("resume");
        kafka.ProduceNumbers(topic, 10_000);

        var first = new ConcurrentQueue<(int Partition, long Offset)>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [topic])
            .Throttle(4_000, TimeSpan.FromSeconds(1), 200, ThrottleMode.Shaping)
            .Select(m => { first.Enqueue((m.Record.Partition, m.Record.Offset)); return m.Offset; })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => first.Count >= 4_000, "the first consumer to process 4,000 records", Patience);
        await control.DrainAndShutdown(done);

        var committed = kafka.CommittedOffsets(topic, group);
        var firstByPartition = first.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
        foreach (var (partition, next) in firstByPartition)
        {
            Assert.Equal(next, committed[partition]);
        }

        var second = new ConcurrentQueue<(int Partition, long Offset)>();
        var (control2, done2) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [topic])
            .Select(m => { second.Enqueue((m.Record.Partition, m.Record.Offset)); return m.Offset; })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => first.Count + second.Count >= 10_000, "the second consumer to read the rest", Patience);
        await control2.DrainAndShutdown(done2);

        foreach (var partition in second.Select(r => r.Partition).Distinct())
        {
            var resumedAt = second.Where(r => r.Partition == partition).Min(r => r.Offset);
            Assert.Equal(firstByPartition.GetValueOrDefault(partition, 0), resumedAt);
        }

        Assert.Empty(first.Intersect(second));
        Assert.Equal(10_000, first.Concat(second).Distinct().Count());
    }

    [Fact]
    public async Task Every_record_names_the_topic_it_came_from_whether_the_source_reads_one_topic_or_several()
    {
        var first = kafka.NewTopic("named-a");
        var second = kafka.NewTopic("named-b");
        kafka.ProduceNumbers(first, 300);
        kafka.ProduceNumbers(second, 200);

        var fromBoth = await ReadTopics(KafkaFixture.NewGroup("named-both"), [first, second], 500);
        var fromOne = await ReadTopics(KafkaFixture.NewGroup("named-one"), [second], 200);

        Assert.Equal(300, fromBoth.Count(r => r.Topic == first));
        Assert.Equal(200, fromBoth.Count(r => r.Topic == second));
        Assert.All(fromOne, r => Assert.Equal(second, r.Topic));
        Assert.All(fromBoth.Concat(fromOne), r => Assert.Equal($"{r.Topic}/{r.Partition}/{r.Offset}", r.Source));
    }

    [Fact]
    public async Task A_stream_that_falls_behind_again_and_again_still_gets_every_record_of_every_partition()
    {
        const int count = 30_000;
        var (topic, settings) = Backlog("behind", count, maxBatchSize: 50, maxBuffered: 500);

        // The stream takes 3,000 records a second: the consumer's buffer stays full, again and again for over a second.
        var seen = new ConcurrentDictionary<(int Partition, long Offset), bool>();
        var (control, done) = KafkaConsumer.CommittableSource(settings, [topic])
            .Throttle(3_000, TimeSpan.FromSeconds(1), 100, ThrottleMode.Shaping)
            .Select(m => { seen.TryAdd((m.Record.Partition, m.Record.Offset), true); return m.Offset; })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.Value(
            () => Task.FromResult((Records: seen.Count, PerPartition: string.Join(", ", seen.Keys.GroupBy(k => k.Partition).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")))),
            v => v.Records == count, "every record of every partition to reach the stream", Patience);
        await control.DrainAndShutdown(done);
    }

    [Fact]
    public async Task A_stopped_consumer_hands_its_partitions_over_without_loss_or_emitting_revoked_records()
    {
        const int count = 6_000;
        var (topic, settings) = Backlog("handover", count, maxBatchSize: 20, maxBuffered: 1_000);

        var sequence = 0L;
        var emissions = new ConcurrentQueue<(string Consumer, int Partition, long Offset, long Sequence)>();
        var outsideAssignment = 0;
        var (controlA, doneA) = Run("A", settings, throttle: true);
        await Eventually.True(() => emissions.Count(e => e.Consumer == "A") >= 300, "consumer A to start", Patience);
        var (controlB, doneB) = Run("B", settings, throttle: false);
        await Eventually.True(() => emissions.Any(e => e.Consumer == "B"), "the rebalance that brings in consumer B", Patience);
        var aBeforeStop = emissions.Count(e => e.Consumer == "A");
        await Eventually.True(() => emissions.Count(e => e.Consumer == "A") >= aBeforeStop + 100, "consumer A to go on after the rebalance", Patience);
        await controlA.DrainAndShutdown(doneA);
        await Eventually.True(
            () => emissions.Select(e => (e.Partition, e.Offset)).Distinct().Count() == count,
            "every record to be processed", Patience);
        await controlB.DrainAndShutdown(doneB);

        Assert.Equal(0, outsideAssignment);
        foreach (var partition in Enumerable.Range(0, 6))
        {
            var ofPartition = emissions.Where(e => e.Partition == partition).ToList();
            var firstB = ofPartition.Where(e => e.Consumer == "B").Select(e => e.Sequence).DefaultIfEmpty(long.MaxValue).Min();
            Assert.DoesNotContain(ofPartition, e => e.Consumer == "A" && e.Sequence > firstB);
            Assert.Equal(ofPartition.Max(e => e.Offset) + 1, ofPartition.Select(e => e.Offset).Distinct().Count());
        }

        (IConsumerControl Control, Task<Akka.Done> Done) Run(string name, ConsumerSettings consumerSettings, bool throttle)
        {
            var control = new StrongBox<IConsumerControl?>();
            // Checked right at the source's emission: what a later stage holds was emitted before the revocation.
            var emitted = KafkaConsumer.CommittableSource(consumerSettings, [topic])
                .Select(m =>
                {
                    if (control.Value is { } c && !c.AssignedPartitions.Contains(m.Offset.Partition))
                    {
                        Interlocked.Increment(ref outsideAssignment);
                    }

                    emissions.Enqueue((name, m.Record.Partition, m.Record.Offset, Interlocked.Increment(ref sequence)));
                    return m.Offset;
                });
            var paced = throttle ? emitted.Throttle(500, TimeSpan.FromSeconds(1), 20, ThrottleMode.Shaping) : emitted;
            var (running, done) = paced
                .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
                .Run(kafka.Materializer);
            control.Value = running;
            return (running, done);
        }
    }

    [Fact]
    public async Task The_lag_per_partition_counts_what_is_not_yet_done_and_falls_to_zero_once_it_is()
    {
        var topic = kafka.NewTopic("lag", partitions: 3);
        var group = KafkaFixture.NewGroup("lag");
        kafka.ProduceNumbers(topic, 300);

        var taken = new ConcurrentQueue<CommittableOffset>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [topic])
            .Select(m => m.Offset)
            .ToMaterialized(Sink.ForEach<CommittableOffset>(taken.Enqueue), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => taken.Count == 300, "every record to be taken", Patience);

        // Taken but not done: the lag still counts all of them, on each of the three partitions.
        await Eventually.True(() => control.Lag.Count == 3 && control.Lag.Sum(l => l.Lag) == 300, "the lag of 300 records on 3 partitions", Patience);
        Assert.All(control.Lag, l => Assert.Equal(topic, l.Topic));
        Assert.Equal([0, 1, 2], control.Lag.Select(l => l.Partition));

        var outcome = taken.First().Committer.Commit(taken);
        Assert.Equal(300, outcome.Committed);
        await Eventually.True(() => control.Lag.Count == 3 && control.Lag.All(l => l.Lag == 0), "the lag to fall to 0 on every partition", Patience);
        await control.DrainAndShutdown(done);
    }

    [Fact]
    public async Task A_consumer_keeps_going_through_a_broker_outage_and_fetch_and_commit_errors()
    {
        var topic = kafka.NewTopic("faults");
        var group = KafkaFixture.NewGroup("faults");
        kafka.ProduceNumbers(topic, 10_000);

        var seen = new ConcurrentDictionary<(int, long), int>();
        var latest = new ConcurrentDictionary<int, long>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [topic])
            .Throttle(2_000, TimeSpan.FromSeconds(1), 100, ThrottleMode.Shaping)
            .Select(m =>
            {
                seen.AddOrUpdate((m.Record.Partition, m.Record.Offset), 1, (_, n) => n + 1);
                latest[m.Record.Partition] = m.Record.Offset;
                return m.Offset;
            })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);

        await Eventually.True(() => seen.Count >= 2_000, "2,000 records before the faults", Patience);
        var outage = TimeSpan.FromSeconds(3);
        kafka.Cluster.SetBrokerDown(2);
        await Task.Delay(outage);
        kafka.Cluster.SetBrokerUp(2);
        kafka.Cluster.PushRequestErrors(KafkaApiKey.Fetch,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
        kafka.Cluster.PushRequestErrors(KafkaApiKey.OffsetCommit,
            ErrorCode.RequestTimedOut, ErrorCode.GroupLoadInProgress, ErrorCode.RequestTimedOut);

        // A session lost in the outage re-delivers what was not committed yet: wait until every partition is read to its end.
        await Eventually.True(
            () => seen.Count == 10_000 && latest.All(l => l.Value == seen.Keys.Where(k => k.Item1 == l.Key).Max(k => k.Item2)),
            "every record despite the faults, each partition read to its end", Patience);
        await control.DrainAndShutdown(done);
        kafka.Cluster.ClearRequestErrors(KafkaApiKey.Fetch);
        kafka.Cluster.ClearRequestErrors(KafkaApiKey.OffsetCommit);

        var committed = kafka.CommittedOffsets(topic, group);
        var ends = seen.Keys.GroupBy(k => k.Item1).ToDictionary(g => g.Key, g => g.Max(k => k.Item2) + 1);
        Assert.Equal(10_000, ends.Values.Sum());
        Assert.All(ends, e => Assert.Equal(e.Value, committed[e.Key]));
    }

    [Fact]
    public async Task Drain_and_stop_commits_everything_that_was_processed()
    {
        var input = kafka.NewTopic("drain-in");
        var output = kafka.NewTopic("drain-out");
        var group = KafkaFixture.NewGroup("drain");
        kafka.ProduceNumbers(input, 5_000);

        var processed = new ConcurrentQueue<CommittableOffset>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), [input])
            .Throttle(3_000, TimeSpan.FromSeconds(1), 100, ThrottleMode.Shaping)
            .Select(m => ProducerEnvelope.Of(new ProducerRecord(output, m.Record.Key, m.Record.Value), m.Offset))
            .Via(KafkaProducer.FlexiFlow<CommittableOffset>(kafka.ProducerSettings()))
            .Select(o => { processed.Enqueue(o); return o; })
            .ToMaterialized(Committer.Sink(new CommitterSettings { MaxInterval = TimeSpan.FromHours(1) }), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => processed.Count >= 1_500, "1,500 records through the producer flow", Patience);

        await control.DrainAndShutdown(done);

        Assert.True(control.IsShutdown.IsCompleted);
        var committed = kafka.CommittedOffsets(input, group);
        var highest = processed.GroupBy(o => o.Partition.Partition).ToDictionary(g => g.Key, g => g.Max(o => o.Offset) + 1);
        Assert.All(highest, h => Assert.Equal(h.Value, committed[h.Key]));
        Assert.Equal(processed.Count, highest.Values.Sum());
        var written = kafka.ReadAll(output, processed.Count);
        Assert.Equal(processed.Count, written.Count);
    }

    /// <summary>Reads <paramref name="count"/> records of <paramref name="topics"/> in a new group, committing them.</summary>
    private async Task<IReadOnlyCollection<ConsumedRecord>> ReadTopics(string group, IReadOnlyCollection<string> topics, int count)
    {
        var records = new ConcurrentQueue<ConsumedRecord>();
        var (control, done) = KafkaConsumer.CommittableSource(kafka.ConsumerSettings(group), topics)
            .Select(m => { records.Enqueue(m.Record); return m.Offset; })
            .ToMaterialized(Committer.Sink(new CommitterSettings()), Keep.Both)
            .Run(kafka.Materializer);
        await Eventually.True(() => records.Count >= count, $"{count} records of {string.Join(", ", topics)}", Patience);
        await control.DrainAndShutdown(done);
        return records;
    }

    /// <summary>A new topic holding <paramref name="count"/> numbers, and a new group's consumer settings for it.</summary>
    private (string Topic, ConsumerSettings Settings) Backlog(string purpose, int count, int maxBatchSize, int maxBuffered)
    {
        var topic = kafka.NewTopic(purpose);
        kafka.ProduceNumbers(topic, count);
        return (topic, kafka.ConsumerSettings(KafkaFixture.NewGroup(purpose)) with { MaxBatchSize = maxBatchSize, MaxBufferedRecords = maxBuffered });
    }
}
