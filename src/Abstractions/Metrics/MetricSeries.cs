namespace StreamEngine.Abstractions.Metrics;

/// <summary>One series (a metric's points under one tag set, KairosDB's row key without the time) as a store read it.</summary>
/// <param name="Tags">The series' tags.</param>
/// <param name="Points">Its points, in ascending time order, one per timestamp.</param>
public sealed record MetricSeries(TagSet Tags, IReadOnlyList<TimestampedValue> Points);
