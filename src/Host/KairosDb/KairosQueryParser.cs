using System.Text.Json;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Host.KairosDb;

/// <summary>
/// Turns KairosDB's query JSON (<c>POST /api/v1/datapoints/query</c>, <c>…/query/tags</c>, <c>…/delete</c>) into one
/// <see cref="MetricQuery"/> per element of <c>metrics</c>, with relative times resolved against a clock.
/// </summary>
/// <remarks>
/// Read: <c>start_absolute</c> / <c>start_relative</c> (one required), <c>end_absolute</c> / <c>end_relative</c>
/// (default now), and per metric <c>name</c>, <c>tags</c> (a value or a list of values per tag), <c>group_by</c> of
/// kind <c>tag</c>, <c>aggregators</c> avg, min, max, sum, count, first and last with <c>sampling</c> (1 millisecond
/// when absent, as KairosDB) and the align flags, <c>limit</c> and <c>order</c>. <c>time_zone</c>,
/// <c>cache_time</c> and <c>cacheTime</c> are accepted and ignored: ranges are laid in UTC.
/// </remarks>
public static class KairosQueryParser
{
    private const string AggregatorNames = "avg, min, max, sum, count, first, last";

    private static readonly Dictionary<string, AggregatorKind> Aggregators = new(StringComparer.Ordinal)
    {
        ["avg"] = AggregatorKind.Avg,
        ["min"] = AggregatorKind.Min,
        ["max"] = AggregatorKind.Max,
        ["sum"] = AggregatorKind.Sum,
        ["count"] = AggregatorKind.Count,
        ["first"] = AggregatorKind.First,
        ["last"] = AggregatorKind.Last,
    };

    /// <summary>The queries of <paramref name="root"/>, one per metric, in order.</summary>
    /// <exception cref="KairosDbRequestException">Something in the query is missing or wrong; the message names it.</exception>
    public static IReadOnlyList<MetricQuery> Parse(JsonElement root, DateTimeOffset now)
    {
        KairosJsonReader.RequireObject(root, "query");
        var start = Time(root, "start", now)
            ?? throw new KairosDbRequestException(
                "query.start_time relative or absolute time must be set: give start_absolute (Unix milliseconds) or start_relative ({\"value\": 1, \"unit\": \"hours\"}).");
        var end = Time(root, "end", now) ?? now.ToUnixTimeMilliseconds();
        var metrics = KairosJsonReader.Optional(root, "metrics") is { } list ? KairosJsonReader.RequireArray(list, "query.metrics") : default;
        if (metrics.ValueKind != JsonValueKind.Array || metrics.GetArrayLength() == 0)
        {
            throw new KairosDbRequestException("query.metric[] must have a size of at least 1: list the metrics to read in \"metrics\", e.g. [{\"name\": \"temperature\"}].");
        }

        var queries = new List<MetricQuery>(metrics.GetArrayLength());
        var index = 0;
        foreach (var metric in metrics.EnumerateArray())
        {
            queries.Add(Metric(metric, $"query.metric[{index}]", start, end));
            index++;
        }

        return queries;
    }

    private static long? Time(JsonElement root, string which, DateTimeOffset now)
    {
        if (KairosJsonReader.Optional(root, which + "_absolute") is { } absolute)
        {
            return KairosJsonReader.WholeNumber(absolute, $"query.{which}_absolute");
        }

        if (KairosJsonReader.Optional(root, which + "_relative") is not { } relative)
        {
            return null;
        }

        var path = $"query.{which}_relative";
        KairosJsonReader.RequireObject(relative, path);
        var value = KairosJsonReader.WholeNumber(relative.TryGetProperty("value", out var v) ? v : default, path + ".value");
        if (value < 1)
        {
            throw new KairosDbRequestException($"{which}_relative.value must be greater than or equal to 1, not {value}: say how many units back from now.");
        }

        var unit = KairosJsonReader.Unit(relative.TryGetProperty("unit", out var u) ? u : default, path + ".unit");
        return Before(now, value, unit, path).ToUnixTimeMilliseconds();
    }

    private static DateTimeOffset Before(DateTimeOffset now, long value, SamplingUnit unit, string path)
    {
        try
        {
            return unit switch
            {
                SamplingUnit.Years => now.AddYears(-checked((int)value)),
                SamplingUnit.Months => now.AddMonths(-checked((int)value)),
                SamplingUnit.Weeks => now.AddDays(-7d * value),
                SamplingUnit.Days => now.AddDays(-value),
                SamplingUnit.Hours => now.AddHours(-value),
                SamplingUnit.Minutes => now.AddMinutes(-value),
                SamplingUnit.Seconds => now.AddSeconds(-value),
                _ => now.AddMilliseconds(-value),
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new KairosDbRequestException($"{path} of {value} {unit} reaches before year 1: give a shorter relative time.", e);
        }
    }

    private static MetricQuery Metric(JsonElement metric, string path, long start, long end)
    {
        KairosJsonReader.RequireObject(metric, path);
        var name = KairosJsonReader.Text(metric.TryGetProperty("name", out var n) ? n : default, path + ".name", "the metric's name, e.g. \"temperature\"");
        if (end < start)
        {
            throw new KairosDbRequestException($"{path}.end_time must be greater than the start time ({end} < {start}): give an end after the start.");
        }

        var query = new MetricQuery(name, start, end)
        {
            Tags = Tags(metric, path),
            GroupByTags = GroupBy(metric, path),
            Aggregators = AggregatorsOf(metric, path),
            Order = Order(metric, path),
        };
        if (KairosJsonReader.Optional(metric, "limit") is { } limit)
        {
            var value = KairosJsonReader.WholeNumber(limit, path + ".limit");
            query = query with
            {
                Limit = value is >= 1 and <= int.MaxValue
                    ? (int)value
                    : throw new KairosDbRequestException($"{path}.limit must be between 1 and {int.MaxValue}, not {value}: give how many points to read, or no limit."),
            };
        }

        return query;
    }

    private static Dictionary<string, IReadOnlySet<string>> Tags(JsonElement metric, string path)
    {
        var tags = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        if (KairosJsonReader.Optional(metric, "tags") is not { } filters)
        {
            return tags;
        }

        KairosJsonReader.RequireObject(filters, path + ".tags");
        var index = 0;
        foreach (var filter in filters.EnumerateObject())
        {
            var tagPath = $"{path}.tags[{index}]";
            if (filter.Name.Length == 0)
            {
                throw new KairosDbRequestException($"{tagPath} name must not be empty: give the tag's name, e.g. \"device_id\".");
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            var items = filter.Value.ValueKind == JsonValueKind.Array ? [.. filter.Value.EnumerateArray()] : new[] { filter.Value };
            foreach (var item in items)
            {
                values.Add(item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } value
                    ? value
                    : throw new KairosDbRequestException($"{tagPath}.{filter.Name} value must not be null or empty: give a value or a list of values the tag may have."));
            }

            if (values.Count == 0)
            {
                throw new KairosDbRequestException($"{tagPath}.{filter.Name} value must not be null or empty: give at least one value, or drop the filter.");
            }

            tags[filter.Name] = values;
            index++;
        }

        return tags;
    }

    private static List<string> GroupBy(JsonElement metric, string path)
    {
        var names = new List<string>();
        if (KairosJsonReader.Optional(metric, "group_by") is not { } groupers)
        {
            return names;
        }

        KairosJsonReader.RequireArray(groupers, path + ".group_by");
        var index = 0;
        foreach (var grouper in groupers.EnumerateArray())
        {
            var grouperPath = $"{path}.group_by[{index}]";
            KairosJsonReader.RequireObject(grouper, grouperPath);
            var kind = grouper.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrEmpty(kind))
            {
                throw new KairosDbRequestException($"{grouperPath} must have a name: use {{\"name\": \"tag\", \"tags\": [\"device_id\"]}}.");
            }

            if (!string.Equals(kind, "tag", StringComparison.Ordinal))
            {
                throw new KairosDbRequestException($"{grouperPath}.{kind} invalid group_by name: only \"tag\" grouping is supported; group by tags, e.g. {{\"name\": \"tag\", \"tags\": [\"device_id\"]}}.");
            }

            if (KairosJsonReader.Optional(grouper, "tags") is not { } tags)
            {
                throw new KairosDbRequestException($"{grouperPath}.tags may not be null: list the tag names to group by.");
            }

            KairosJsonReader.RequireArray(tags, grouperPath + ".tags");
            if (tags.GetArrayLength() == 0)
            {
                throw new KairosDbRequestException($"{grouperPath}.tags may not be empty: list the tag names to group by.");
            }

            foreach (var tag in tags.EnumerateArray())
            {
                var tagName = KairosJsonReader.Text(tag, grouperPath + ".tags[]", "a tag name");
                if (!names.Contains(tagName))
                {
                    names.Add(tagName);
                }
            }

            index++;
        }

        return names;
    }

    private static List<RangeAggregator> AggregatorsOf(JsonElement metric, string path)
    {
        var aggregators = new List<RangeAggregator>();
        if (KairosJsonReader.Optional(metric, "aggregators") is not { } list)
        {
            return aggregators;
        }

        KairosJsonReader.RequireArray(list, path + ".aggregators");
        var index = 0;
        foreach (var aggregator in list.EnumerateArray())
        {
            aggregators.Add(Aggregator(aggregator, $"{path}.aggregators[{index}]"));
            index++;
        }

        return aggregators;
    }

    private static RangeAggregator Aggregator(JsonElement aggregator, string path)
    {
        KairosJsonReader.RequireObject(aggregator, path);
        var name = aggregator.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new KairosDbRequestException($"{path} must have a name: use one of {AggregatorNames}.");
        }

        if (!Aggregators.TryGetValue(name, out var kind))
        {
            throw new KairosDbRequestException($"{path}.{name} invalid aggregators name: use one of {AggregatorNames}.");
        }

        var sampling = Sampling.Of(SamplingUnit.Milliseconds);
        if (KairosJsonReader.Optional(aggregator, "sampling") is { } given)
        {
            var samplingPath = path + ".sampling";
            KairosJsonReader.RequireObject(given, samplingPath);
            var value = KairosJsonReader.WholeNumber(given.TryGetProperty("value", out var v) ? v : default, samplingPath + ".value");
            var unit = KairosJsonReader.Unit(given.TryGetProperty("unit", out var u) ? u : default, samplingPath + ".unit");
            sampling = new Sampling(value, unit);
            try
            {
                sampling.Validate();
            }
            catch (ArgumentException e)
            {
                var reason = value < 1 ? "must be greater than or equal to 1" : "is too long";
                throw new KairosDbRequestException($"{samplingPath}.value {reason}: {e.Message}", e);
            }
        }

        return new RangeAggregator(kind, sampling)
        {
            AlignSampling = KairosJsonReader.Flag(aggregator, "align_sampling", path),
            AlignStartTime = KairosJsonReader.Flag(aggregator, "align_start_time", path),
            AlignEndTime = KairosJsonReader.Flag(aggregator, "align_end_time", path),
        };
    }

    private static SortOrder Order(JsonElement metric, string path) =>
        KairosJsonReader.Optional(metric, "order") is not { } order ? SortOrder.Ascending
        : order.ValueKind == JsonValueKind.String && string.Equals(order.GetString(), "asc", StringComparison.OrdinalIgnoreCase) ? SortOrder.Ascending
        : order.ValueKind == JsonValueKind.String && string.Equals(order.GetString(), "desc", StringComparison.OrdinalIgnoreCase) ? SortOrder.Descending
        : throw new KairosDbRequestException($"{path}.order must be \"asc\" or \"desc\", not {KairosJsonReader.Kind(order)}.");
}
