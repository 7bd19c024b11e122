using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// One metric of a KairosDB query (<c>POST /api/v1/datapoints/query</c>): the points of <see cref="Metric"/> from
/// <see cref="StartMs"/> to <see cref="EndMs"/>, both included, of the series whose tags pass <see cref="Tags"/>.
/// Relative times (<c>start_relative</c>) are resolved to absolute ones by the caller.
/// </summary>
/// <param name="Metric">The metric name.</param>
/// <param name="StartMs">The first millisecond, included.</param>
/// <param name="EndMs">The last millisecond, included.</param>
public sealed record MetricQuery(string Metric, long StartMs, long EndMs)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NoTags =
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);

    /// <summary>Tag name → allowed values: a series passes when, for every name, its value of that tag is one of the values.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Tags { get; init; } = NoTags;

    /// <summary>Run in order, each on the output of the one before; none returns the points themselves.</summary>
    public IReadOnlyList<RangeAggregator> Aggregators { get; init; } = [];

    /// <summary>KairosDB's <c>{"name": "tag", "tags": [...]}</c> grouper: one result per combination of these tags' values.</summary>
    public IReadOnlyList<string> GroupByTags { get; init; } = [];

    /// <summary>The most points a result reads, taken in <see cref="Order"/> before any aggregator runs; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>The order of each result's values (after aggregation), and which points <see cref="Limit"/> keeps.</summary>
    public SortOrder Order { get; init; } = SortOrder.Ascending;

    /// <summary>A copy that also requires tag <paramref name="name"/> to have one of <paramref name="values"/>.</summary>
    public MetricQuery WithTag(string name, params string[] values)
    {
        var tags = new Dictionary<string, IReadOnlySet<string>>(Tags, StringComparer.Ordinal)
        {
            [name] = new HashSet<string>(values, StringComparer.Ordinal),
        };
        return this with { Tags = tags };
    }

    /// <summary>True when the series' tags pass every tag filter.</summary>
    public bool Matches(TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (name, allowed) in Tags)
        {
            var value = tags.Get(name);
            if (value is null || !allowed.Contains(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when the query cannot run, saying what to change.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Metric))
        {
            throw new ArgumentException("A metric query needs a metric name: set \"name\" to the metric to read.");
        }

        if (EndMs < StartMs)
        {
            throw new ArgumentException($"The query for '{Metric}' ends ({EndMs}) before it starts ({StartMs}): give an end time after the start time.");
        }

        if (Limit is < 1)
        {
            throw new ArgumentException($"The query for '{Metric}' has limit {Limit}: give a limit of at least 1, or none to read every point.");
        }

        foreach (var (name, values) in Tags)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"The tag filter '{name}' of the query for '{Metric}' lists no values: give at least one value, or drop the filter.");
            }
        }

        foreach (var aggregator in Aggregators)
        {
            aggregator.Validate();
        }
    }
}
