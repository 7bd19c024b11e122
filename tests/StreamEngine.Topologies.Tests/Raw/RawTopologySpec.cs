using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Testing;
using StreamEngine.Topologies.Tests.Support;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Raw;

namespace StreamEngine.Topologies.Tests.Raw;

public sealed class RawTopologySpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("raw-spec");
    private readonly MemoryRawStore _store = new();

    [Fact]
    public async Task Readings_are_stored_in_batches_and_their_offsets_pass_on_in_order_after_the_write()
    {
        var values = Enumerable.Range(0, 2_500).Select(i => ReadingJson.Serialize(Reading(i))).ToList();

        var passed = await Run(values, new RawSettings { MaxBatch = 1_000 });

        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => (long)i), passed.Select(e => e.PassThrough.Offset));
        Assert.All(passed, e => Assert.Empty(e.Records));
        Assert.Equal(2_500, _store.Rows.Count);
        Assert.True(_store.Batches.Count >= 3);
        Assert.All(_store.Batches, size => Assert.True(size <= 1_000));
    }

    [Fact]
    public async Task A_replayed_reading_is_stored_once()
    {
        var values = Enumerable.Range(0, 10).Select(i => ReadingJson.Serialize(Reading(i))).ToList();

        await Run(values, new RawSettings());
        await Run(values, new RawSettings());

        Assert.Equal(10, _store.Rows.Count);
    }

    [Fact]
    public async Task Each_reading_is_stored_with_its_record_value_as_it_was_read()
    {
        var asSent = Encoding.UTF8.GetBytes("""
            { "deviceId": 5, "gatewayId": 7, "time": 1732291200000, "temp": 4.50, "batt": 75,
              "receivedAt": 1732291201000, "source": "reports/0/0/0" }
            """);

        await Run([asSent], new RawSettings());

        var (reading, json) = Assert.Single(_store.Rows.Values);
        Assert.Equal(new Reading(5, 7, 1_732_291_200_000, 4.5, 75, 1_732_291_201_000, "reports/0/0/0"), reading);
        Assert.Equal(asSent, json.ToArray());
    }

    [Fact]
    public async Task A_record_that_is_not_a_reading_becomes_a_dead_letter_and_the_rest_is_stored()
    {
        var values = new[] { ReadingJson.Serialize(Reading(0)), Encoding.UTF8.GetBytes("""{"deviceId":1}"""), ReadingJson.Serialize(Reading(2)) };

        var passed = await Run(values, new RawSettings());

        Assert.Equal(2, _store.Rows.Count);
        var letter = Assert.Single(passed[1].Records);
        Assert.Equal("deadletters", letter.Topic);
        Assert.Contains("\"reason\":\"malformed-json\"", Encoding.UTF8.GetString(letter.Value), StringComparison.Ordinal);
        Assert.Contains("\"topology\":\"raw\"", Encoding.UTF8.GetString(letter.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_named_stage_counts_what_went_in_and_out()
    {
        var values = Enumerable.Range(0, 2_500).Select(i => ReadingJson.Serialize(Reading(i))).ToList();
        var metrics = new TopologyMetrics();

        await Run(values, new RawSettings { MaxBatch = 1_000 }, metrics);

        var stages = metrics.Stages();
        Assert.Equal(["batch", "raw-store"], stages.Select(s => s.Name));
        var (batch, store) = (stages[0], stages[1]);
        Assert.Equal(2_500, batch.In);
        Assert.Equal(_store.Batches.Count, batch.Out);
        Assert.Equal(_store.Batches.Count, store.In);
        Assert.Equal(_store.Batches.Count, store.Out);
        Assert.Equal(0, store.Failures);
        Assert.True(store.P50Ms > 0 && store.P99Ms >= store.P50Ms, $"p50 {store.P50Ms} ms, p99 {store.P99Ms} ms");
        Assert.InRange(store.Capacity, 0, 1);
    }

    [Fact]
    public async Task The_next_batch_goes_to_the_store_while_one_is_written_and_offsets_still_pass_on_in_order()
    {
        var gate = new FirstWriteGate();
        var committer = new NoCommits();
        var messages = Enumerable.Range(0, 2_000).Select(i => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, ReadingJson.Serialize(Reading(i)), 0),
            new CommittableOffset(committer, new PartitionId("readings", 0), i, 1)));
        var run = Source.From(messages)
            .Via(RawTopology.Create(new RawSettings { MaxBatch = 1_000 }, new GatedRawStore(gate), () => 0, new TopologyMetrics()))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());

        await Eventually.True(() => gate.Started == 2, "the second batch handed to the store while the first is still being written");
        Assert.False(run.IsCompleted);
        gate.ReleaseFirst();

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (long)i), (await run).Select(e => e.PassThrough.Offset));
    }

    private static Reading Reading(int i) => new(100 + (i % 7), 7, 1_732_291_200_000 + i, 4.5, 75, 1_732_291_201_000, $"reports/0/{i}/0");

    private async Task<IReadOnlyList<ProducerEnvelope<CommittableOffset>>> Run(IReadOnlyList<byte[]> values, RawSettings settings, TopologyMetrics? metrics = null)
    {
        var committer = new NoCommits();
        var messages = values.Select((v, i) => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, v, 0), new CommittableOffset(committer, new PartitionId("readings", 0), i, 1)));
        return await Source.From(messages).Via(RawTopology.Create(settings, _store, () => 0, metrics ?? new TopologyMetrics()))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    private sealed class GatedRawStore(FirstWriteGate gate) : IRawStore
    {
        public async Task<int> Write(IReadOnlyList<RawMessage> messages, CancellationToken cancellation = default)
        {
            await gate.Enter();
            return messages.Count;
        }

        public Task<long> Count(CancellationToken cancellation = default) => Task.FromResult(0L);
    }

    private sealed class MemoryRawStore : IRawStore
    {
        public ConcurrentDictionary<string, RawMessage> Rows { get; } = new();

        public ConcurrentQueue<int> Batches { get; } = new();

        public Task<int> Write(IReadOnlyList<RawMessage> messages, CancellationToken cancellation = default)
        {
            Batches.Enqueue(messages.Count);
            return Task.FromResult(messages.Count(m => Rows.TryAdd(m.Reading.Source, m)));
        }

        public Task<long> Count(CancellationToken cancellation = default) => Task.FromResult((long)Rows.Count);
    }
}
