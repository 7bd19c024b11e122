namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// Where datapoints go: the engine's own metric store or a real KairosDB. A write is one batch, stored durably
/// before the task completes; writing a point again (same metric, tags and timestamp) leaves one point.
/// </summary>
public interface IMetricWriter
{
    Task Write(IReadOnlyList<DataPoint> points, CancellationToken cancellation = default);
}
