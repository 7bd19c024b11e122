namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// One element of a KairosDB query's <c>results</c>: the points of one group. Its <c>group_by</c> is
/// <c>[{"name": "type", "type": "number"}]</c>, followed by <see cref="TagGroup"/> when the query grouped by tags.
/// </summary>
/// <param name="Name">The metric name.</param>
/// <param name="TagGroup">The tag group, or null when the query did not group by tags.</param>
/// <param name="Tags">Tag name → the values found in the group's series, sorted.</param>
/// <param name="Values">The points, in the query's order; longs stay longs and doubles doubles.</param>
public sealed record MetricResult(
    string Name,
    TagGroup? TagGroup,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tags,
    IReadOnlyList<TimestampedValue> Values)
{
    /// <summary>KairosDB's data type group, <c>"number"</c> for every long or double series.</summary>
    public string Type { get; init; } = "number";
}
