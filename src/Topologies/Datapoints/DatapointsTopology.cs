using System.Globalization;
using System.Text.Json;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Readings;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Datapoints;

/// <summary>
/// The datapoints topology as the thesis draws it (figure 7.3): parse → temperature stream ∥ battery stream → windows
/// (a time bound and a count bound) → one batched write per window to the metric store → each reading's offset
/// passed on only after its window is stored. A record that is not a reading becomes a dead letter. Readings go through
/// the stages up to the window in groups (<see cref="Grouping"/>), each stage counting and timing every reading of a group.
/// </summary>
public static class DatapointsTopology
{
    public const string TopologyName = "datapoints";

    /// <summary>
    /// Windows handed to the store at once: while one is written, the next is already prepared and waits, so the store
    /// never idles between writes (graph mode, 1M readings: 168,000 readings/s against 122,000–126,000 with one). The
    /// SQLite store takes its writes one at a time, KairosDB two at once; their order does not matter, each point being
    /// keyed by its series and time, and offsets still pass on in window order.
    /// </summary>
    private const int WritesInFlight = 2;

    /// <param name="settings">Metric names, windows and the dead letters' topic.</param>
    /// <param name="store">Where the datapoints go.</param>
    /// <param name="nowMs">The clock of the dead letters' <c>at</c>.</param>
    /// <param name="metrics">
    /// Counts the stages <c>parse</c>, <c>temperature</c>, <c>battery</c>, <c>window</c> (readings in, windows out) and
    /// <c>metric-store</c> (one write per window).
    /// </param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        DatapointsSettings settings, IMetricWriter store, Func<long> nowMs, TopologyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(nowMs);
        ArgumentNullException.ThrowIfNull(metrics);
        var windowing = metrics.Stage("window");
        return Flow.FromGraph(GraphDsl.Create(builder =>
        {
            var parse = builder.Add(Grouping.Groups<CommittableMessage>()
                .Select(metrics.Stage("parse").TimedBatch((List<CommittableMessage> group) => group.ConvertAll(m => Parse(m, settings, nowMs))))
                .Named("parse"));
            var fork = builder.Add(new Broadcast<List<ParsedReading>>(2));
            var temperature = builder.Add(Flow.Create<List<ParsedReading>>()
                .Select(metrics.Stage("temperature").TimedBatch((List<ParsedReading> group) =>
                    (Group: group, Points: group.ConvertAll(p => p.Reading is { } r ? new DataPoint(settings.TemperatureMetric, r.Time, MetricValue.Of(r.Temp), p.Tags!) : null))))
                .Named("temperature"));
            var battery = builder.Add(Flow.Create<List<ParsedReading>>()
                .Select(metrics.Stage("battery").TimedBatch((List<ParsedReading> group) =>
                    group.ConvertAll(p => p.Reading is { } r ? new DataPoint(settings.BatteryMetric, r.Time, MetricValue.Of((long)r.Batt), p.Tags!) : null)))
                .Named("battery"));
            var join = builder.Add(ZipWith.Apply<(List<ParsedReading> Group, List<DataPoint?> Points), List<DataPoint?>, List<WindowEntry>>(Join));
            var window = builder.Add(Flow.Create<List<WindowEntry>>()
                .SelectMany(group => group)
                .Select(windowing.Entering)
                .GroupedWithin(settings.MaxWindowReadings, settings.Window)
                .Select(windowing.Leaving)
                .Named("window")
                .SelectAsync(WritesInFlight, metrics.Stage("metric-store").TimedAsync((IEnumerable<WindowEntry> entries) => Write(entries.ToList(), store)))
                .Named("metric-store")
                .SelectMany(envelopes => envelopes));

            builder.From(parse).To(fork);
            builder.From(fork.Out(0)).Via(temperature).To(join.In0);
            builder.From(fork.Out(1)).Via(battery).To(join.In1);
            builder.From(join.Out).To(window.Inlet);
            return new FlowShape<CommittableMessage, ProducerEnvelope<CommittableOffset>>(parse.Inlet, window.Outlet);
        })).Named(TopologyName);
    }

    private static List<WindowEntry> Join((List<ParsedReading> Group, List<DataPoint?> Points) temperature, List<DataPoint?> battery)
    {
        var joined = new List<WindowEntry>(temperature.Group.Count);
        for (var i = 0; i < temperature.Group.Count; i++)
        {
            var parsed = temperature.Group[i];
            joined.Add(new WindowEntry(parsed.Offset, temperature.Points[i], battery[i], parsed.DeadLetter));
        }

        return joined;
    }

    private static ParsedReading Parse(CommittableMessage message, DatapointsSettings settings, Func<long> nowMs)
    {
        try
        {
            var reading = ReadingJson.Deserialize(message.Record.Value);
            return new ParsedReading(message.Offset, reading, TagSet.Of(settings.DeviceTag, reading.DeviceId.ToString(CultureInfo.InvariantCulture)), null);
        }
        catch (JsonException e)
        {
            return new ParsedReading(message.Offset, null, null, NotAReading.DeadLetter(message.Record, settings.DeadLettersTopic, TopologyName, e, nowMs()));
        }
    }

    private static async Task<IReadOnlyList<ProducerEnvelope<CommittableOffset>>> Write(List<WindowEntry> window, IMetricWriter store)
    {
        var points = new List<DataPoint>(2 * window.Count);
        var envelopes = new ProducerEnvelope<CommittableOffset>[window.Count];
        for (var i = 0; i < window.Count; i++)
        {
            var entry = window[i];
            if (entry.Temperature is { } temperature && entry.Battery is { } battery)
            {
                points.Add(temperature);
                points.Add(battery);
            }

            envelopes[i] = entry.DeadLetter is { } letter ? ProducerEnvelope.Of(letter, entry.Offset) : ProducerEnvelope.PassThrough(entry.Offset);
        }

        if (points.Count > 0)
        {
            await store.Write(points).ConfigureAwait(false);
        }

        return envelopes;
    }
}
