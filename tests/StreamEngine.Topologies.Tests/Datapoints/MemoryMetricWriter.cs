using System.Collections.Concurrent;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Topologies.Tests.Datapoints;

/// <summary>A metric store in memory, keyed as the real one (metric, tags, timestamp), that records every write.</summary>
public sealed class MemoryMetricWriter : IMetricWriter
{
    public ConcurrentDictionary<(string Metric, TagSet Tags, long TimestampMs), MetricValue> Points { get; } = new();

    public ConcurrentQueue<IReadOnlyList<DataPoint>> Writes { get; } = new();

    public Task Write(IReadOnlyList<DataPoint> points, CancellationToken cancellation = default)
    {
        Writes.Enqueue(points.ToList());
        foreach (var point in points)
        {
            Points[(point.Metric, point.Tags, point.TimestampMs)] = point.Value;
        }

        return Task.CompletedTask;
    }
}
