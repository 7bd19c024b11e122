namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// One point of a time series in KairosDB's data model: a metric name, a timestamp, a value and tags. The same
/// metric, tags and timestamp identify one point: writing it again overwrites it.
/// </summary>
/// <param name="Metric">The metric name, e.g. <c>temperature</c>.</param>
/// <param name="TimestampMs">Unix milliseconds.</param>
/// <param name="Value">A long or a double.</param>
/// <param name="Tags">Tag name → tag value; at least one tag, as KairosDB requires.</param>
public sealed record DataPoint(string Metric, long TimestampMs, MetricValue Value, TagSet Tags);
