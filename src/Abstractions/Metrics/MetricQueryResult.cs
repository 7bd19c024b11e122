namespace StreamEngine.Abstractions.Metrics;

/// <summary>One element of a KairosDB query response's <c>queries</c>: the answer to one <see cref="MetricQuery"/>.</summary>
/// <param name="SampleSize">How many stored points were read (after <see cref="MetricQuery.Limit"/>, before aggregation).</param>
/// <param name="Results">One result per group; a single one, possibly empty, when the query did not group by tags.</param>
public sealed record MetricQueryResult(long SampleSize, IReadOnlyList<MetricResult> Results);
