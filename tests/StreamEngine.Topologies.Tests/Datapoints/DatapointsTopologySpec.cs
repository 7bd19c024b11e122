using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Testing;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Datapoints;

public sealed class DatapointsTopologySpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("datapoints-spec");
    private readonly MemoryMetricWriter _store = new();

    [Fact]
    public async Task Each_reading_becomes_a_temperature_and_a_battery_point_tagged_with_its_device()
    {
        var passed = await Run([Reading(0, temp: -18.25, batt: 64)], new DatapointsSettings());

        var write = Assert.Single(_store.Writes);
        Assert.Equal(2, write.Count);
        var temperature = Assert.Single(write, p => p.Metric == "temperature");
        Assert.Equal(TagSet.Of("device_id", "100"), temperature.Tags);
        Assert.Equal(1_732_291_200_000, temperature.TimestampMs);
        Assert.Equal(MetricValue.Of(-18.25), temperature.Value);
        var battery = Assert.Single(write, p => p.Metric == "battery");
        Assert.Equal(MetricValue.Of(64L), battery.Value);
        Assert.True(battery.Value.IsLong);
        Assert.Empty(Assert.Single(passed).Records);
    }

    [Fact]
    public async Task A_burst_is_cut_into_windows_of_at_most_the_count_bound_and_offsets_pass_on_in_order_after_the_write()
    {
        var readings = Enumerable.Range(0, 2_500).Select(i => Reading(i)).ToList();

        var passed = await Run(readings, new DatapointsSettings { MaxWindowReadings = 1_000 });

        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => (long)i), passed.Select(e => e.PassThrough.Offset));
        Assert.Equal(5_000, _store.Points.Count);
        Assert.True(_store.Writes.Count >= 3);
        Assert.All(_store.Writes, w => Assert.InRange(w.Count, 1, 2_000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Over_any_arrival_pattern_every_reading_lands_in_exactly_one_window_and_no_window_is_written_empty(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(1, 300);
        var gaps = Enumerable.Range(0, count).Select(_ => random.Next(10) < 7 ? 0 : random.Next(1, 40)).ToList();
        var settings = new DatapointsSettings { Window = TimeSpan.FromMilliseconds(random.Next(5, 30)), MaxWindowReadings = random.Next(1, 50) };
        var readings = Enumerable.Range(0, count).Select(i => Reading(i)).ToList();

        var passed = await Run(readings, settings, gaps);

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), passed.Select(e => e.PassThrough.Offset));
        Assert.All(_store.Writes, w => Assert.NotEmpty(w));
        Assert.All(_store.Writes, w => Assert.True(w.Count <= 2 * settings.MaxWindowReadings));
        var written = _store.Writes.SelectMany(w => w).Select(p => (p.Metric, p.TimestampMs)).ToList();
        Assert.Equal(2 * count, written.Count);
        Assert.Equal(2 * count, written.Distinct().Count());
    }

    [Fact]
    public async Task A_replay_after_a_crash_between_write_and_commit_leaves_one_point_per_reading()
    {
        var readings = Enumerable.Range(0, 50).Select(i => Reading(i)).ToList();

        await Run(readings, new DatapointsSettings());
        await Run(readings, new DatapointsSettings());

        Assert.Equal(100, _store.Points.Count);
    }

    [Fact]
    public async Task A_record_that_is_not_a_reading_becomes_a_dead_letter_and_a_window_of_only_those_writes_nothing()
    {
        var values = new[] { Encoding.UTF8.GetBytes("""{"deviceId":1}"""), Encoding.UTF8.GetBytes("not json") };

        var passed = await Run(values, new DatapointsSettings());

        Assert.Empty(_store.Writes);
        Assert.All(passed, envelope =>
        {
            var letter = Assert.Single(envelope.Records);
            Assert.Equal("deadletters", letter.Topic);
            var json = Encoding.UTF8.GetString(letter.Value);
            Assert.Contains("\"reason\":\"malformed-json\"", json, StringComparison.Ordinal);
            Assert.Contains("\"topology\":\"datapoints\"", json, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_next_window_goes_to_the_store_while_one_is_written_and_offsets_still_pass_on_in_order()
    {
        var gate = new FirstWriteGate();
        var committer = new NoCommits();
        var messages = Enumerable.Range(0, 2_000).Select(i => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, Reading(i), 0), new CommittableOffset(committer, new PartitionId("readings", 0), i, 1)));
        var run = Source.From(messages)
            .Via(DatapointsTopology.Create(new DatapointsSettings { MaxWindowReadings = 1_000 }, new GatedMetricWriter(gate), () => 0, new TopologyMetrics()))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());

        await Eventually.True(() => gate.Started == 2, "the second window handed to the store while the first is still being written");
        Assert.False(run.IsCompleted);
        gate.ReleaseFirst();

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (long)i), (await run).Select(e => e.PassThrough.Offset));
    }

    private static byte[] Reading(int i, double temp = 4.5, int batt = 75) =>
        ReadingJson.Serialize(new Reading(100 + (i % 7), 7, 1_732_291_200_000 + i, temp, batt, 1_732_291_201_000, $"reports/0/{i}/0"));

    private async Task<IReadOnlyList<ProducerEnvelope<CommittableOffset>>> Run(
        IReadOnlyList<byte[]> values, DatapointsSettings settings, List<int>? gapsMs = null)
    {
        var committer = new NoCommits();
        var messages = values.Select((v, i) => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, v, 0), new CommittableOffset(committer, new PartitionId("readings", 0), i, 1)));
        var source = Source.From(messages);
        if (gapsMs is not null)
        {
            source = source.SelectAsync(1, async m =>
            {
                await Task.Delay(gapsMs[(int)m.Offset.Offset]);
                return m;
            });
        }

        return await source.Via(DatapointsTopology.Create(settings, _store, () => 0, new TopologyMetrics()))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    private sealed class GatedMetricWriter(FirstWriteGate gate) : IMetricWriter
    {
        public Task Write(IReadOnlyList<DataPoint> points, CancellationToken cancellation = default) => gate.Enter();
    }
}
