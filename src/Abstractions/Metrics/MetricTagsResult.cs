namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// The answer to KairosDB's <c>POST /api/v1/datapoints/query/tags</c> for one metric: the tags of the series that
/// have points in the query's range and pass its tag filters, without the points.
/// </summary>
/// <param name="Name">The metric name.</param>
/// <param name="Tags">Tag name → values found, sorted.</param>
public sealed record MetricTagsResult(string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Tags);
