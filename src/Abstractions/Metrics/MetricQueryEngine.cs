namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// What a metric store does with the series it read, as KairosDB does it: keep the series that pass the tag filters
/// and their points in range, group them by tags, merge each group's points in time order, apply the limit in the
/// query's order, run the aggregators, and return each group's values in the query's order.
/// </summary>
/// <remarks>Pure and store-independent, so each store only has to read series.</remarks>
public static class MetricQueryEngine
{
    /// <summary>Answers <paramref name="query"/> from <paramref name="series"/> (the store may pass more than match).</summary>
    public static MetricQueryResult Run(MetricQuery query, IEnumerable<MetricSeries> series)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(series);
        query.Validate();
        var groups = Groups(query, series);
        if (groups.Count == 0)
        {
            return new MetricQueryResult(0, [new MetricResult(query.Metric, null, TagsOf([]), [])]);
        }

        var sampleSize = 0L;
        var results = new List<MetricResult>(groups.Count);
        foreach (var (key, members) in groups)
        {
            var points = Merge(members, query);
            sampleSize += points.Count;
            IReadOnlyList<TimestampedValue> values = points;
            foreach (var aggregator in query.Aggregators)
            {
                values = aggregator.Aggregate(values, query.StartMs);
            }

            if (query.Order == SortOrder.Descending)
            {
                values = [.. values.Reverse()];
            }

            var tagGroup = query.GroupByTags.Count == 0 ? null : new TagGroup(query.GroupByTags, GroupOf(query, key));
            results.Add(new MetricResult(query.Metric, tagGroup, TagsOf(members), values));
        }

        return new MetricQueryResult(sampleSize, results);
    }

    /// <summary>The tags of the series that pass the filters and have points in range, as KairosDB's query/tags answers.</summary>
    public static MetricTagsResult Tags(MetricQuery query, IEnumerable<MetricSeries> series)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(series);
        query.Validate();
        return new MetricTagsResult(query.Metric, TagsOf([.. Matching(query, series)]));
    }

    /// <summary>Tag name → its distinct values across <paramref name="series"/>, both sorted ordinally.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TagsOf(IEnumerable<MetricSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var values = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var one in series)
        {
            foreach (var (name, value) in one.Tags)
            {
                if (!values.TryGetValue(name, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    values.Add(name, set);
                }

                set.Add(value);
            }
        }

        var tags = new Dictionary<string, IReadOnlyList<string>>(values.Count, StringComparer.Ordinal);
        foreach (var (name, set) in values)
        {
            tags.Add(name, [.. set]);
        }

        return tags;
    }

    private static IEnumerable<MetricSeries> Matching(MetricQuery query, IEnumerable<MetricSeries> series)
    {
        foreach (var one in series)
        {
            if (!query.Matches(one.Tags))
            {
                continue;
            }

            var inRange = one.Points.Any(p => p.TimestampMs >= query.StartMs && p.TimestampMs <= query.EndMs);
            if (inRange)
            {
                yield return one;
            }
        }
    }

    private static SortedDictionary<string, List<MetricSeries>> Groups(MetricQuery query, IEnumerable<MetricSeries> series)
    {
        var groups = new SortedDictionary<string, List<MetricSeries>>(StringComparer.Ordinal);
        foreach (var one in Matching(query, series))
        {
            // The key joins the group values with characters tags cannot hold, so that different groups never collide.
            var key = string.Join('\u0001', query.GroupByTags.Select(t => one.Tags.Get(t) is { } v ? "\u0002" + v : string.Empty));
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
            }

            members.Add(one);
        }

        return groups;
    }

    private static Dictionary<string, string> GroupOf(MetricQuery query, string key)
    {
        var group = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = key.Split('\u0001');
        for (var i = 0; i < query.GroupByTags.Count; i++)
        {
            if (parts[i].Length > 0)
            {
                group[query.GroupByTags[i]] = parts[i][1..];
            }
        }

        return group;
    }

    /// <summary>The group's points in range, in ascending time order, limited to the first (or last, when descending) points.</summary>
    private static List<TimestampedValue> Merge(List<MetricSeries> members, MetricQuery query)
    {
        var points = new List<TimestampedValue>();
        foreach (var member in members)
        {
            foreach (var point in member.Points)
            {
                if (point.TimestampMs >= query.StartMs && point.TimestampMs <= query.EndMs)
                {
                    points.Add(point);
                }
            }
        }

        if (members.Count > 1)
        {
            // A stable sort keeps the series order for points of equal time.
            points = [.. points.OrderBy(p => p.TimestampMs)];
        }

        if (query.Limit is { } limit && points.Count > limit)
        {
            points = query.Order == SortOrder.Ascending ? points.GetRange(0, limit) : points.GetRange(points.Count - limit, limit);
        }

        return points;
    }
}
