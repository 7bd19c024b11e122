namespace StreamEngine.Abstractions.Metrics;

/// <summary>One <c>[timestamp, value]</c> pair of a query result, as KairosDB's <c>values</c> array holds them.</summary>
/// <param name="TimestampMs">Unix milliseconds.</param>
/// <param name="Value">A long or a double.</param>
public readonly record struct TimestampedValue(long TimestampMs, MetricValue Value);
