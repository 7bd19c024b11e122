namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// The metric store: a KairosDB-style time-series store that the datapoints topology writes to and KairosDB's query
/// API reads from. Queries follow KairosDB's semantics (see <see cref="MetricQuery"/> and <see cref="MetricQueryEngine"/>).
/// </summary>
public interface IMetricStore : IMetricWriter
{
    /// <summary>Answers one metric query (<c>POST /api/v1/datapoints/query</c>). Throws <see cref="ArgumentException"/> for an invalid query.</summary>
    Task<MetricQueryResult> Query(MetricQuery query, CancellationToken cancellation = default);

    /// <summary>The tags of the series matching the query, without points (<c>POST /api/v1/datapoints/query/tags</c>); aggregators, limit and order are ignored.</summary>
    Task<MetricTagsResult> QueryTags(MetricQuery query, CancellationToken cancellation = default);

    /// <summary>Metric names, sorted, of metrics that have points; only those starting with <paramref name="prefix"/> when given (<c>GET /api/v1/metricnames?prefix=</c>).</summary>
    Task<IReadOnlyList<string>> MetricNames(string? prefix = null, CancellationToken cancellation = default);

    /// <summary>Every tag name in use, sorted (<c>GET /api/v1/tagnames</c>).</summary>
    Task<IReadOnlyList<string>> TagNames(CancellationToken cancellation = default);

    /// <summary>Every tag value in use, sorted (<c>GET /api/v1/tagvalues</c>).</summary>
    Task<IReadOnlyList<string>> TagValues(CancellationToken cancellation = default);

    /// <summary>Deletes the points the query selects, by time range and tag filters (<c>POST /api/v1/datapoints/delete</c>); returns how many were deleted.</summary>
    Task<long> DeleteDataPoints(MetricQuery query, CancellationToken cancellation = default);

    /// <summary>Deletes every point of a metric (<c>DELETE /api/v1/metric/{name}</c>); a metric that does not exist is no error.</summary>
    Task DeleteMetric(string metric, CancellationToken cancellation = default);
}
