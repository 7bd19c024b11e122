using System.Text.Json;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Host.KairosDb;

/// <summary>
/// Turns KairosDB's <c>POST /api/v1/datapoints</c> body into datapoints: an array of metrics (or one metric object),
/// each with <c>name</c>, <c>tags</c> (at least one) and <c>datapoints</c> <c>[[timestamp, value], …]</c> and/or a
/// single <c>timestamp</c> + <c>value</c>. A number without a fraction or exponent is a long, any other a double;
/// <c>type</c> <c>long</c> or <c>double</c> forces one. <c>ttl</c> is accepted and ignored.
/// </summary>
public static class KairosDataPointParser
{
    /// <exception cref="KairosDbRequestException">A metric or datapoint is malformed; the message names it, and nothing is stored.</exception>
    public static IReadOnlyList<DataPoint> Parse(JsonElement root)
    {
        var metrics = root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Object => new[] { root },
            _ => throw new KairosDbRequestException(
                $"The datapoints body must be a JSON array of metrics (or one metric object), not {KairosJsonReader.Kind(root)}: send [{{\"name\": …, \"tags\": {{…}}, \"datapoints\": [[ms, value]]}}]."),
        };
        var points = new List<DataPoint>();
        for (var i = 0; i < metrics.Length; i++)
        {
            Metric(metrics[i], i, points);
        }

        return points;
    }

    private static void Metric(JsonElement metric, int index, List<DataPoint> points)
    {
        KairosJsonReader.RequireObject(metric, $"metric[{index}]");
        var name = metric.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new KairosDbRequestException($"metric[{index}].name may not be empty: give every metric a name.");
        }

        var path = $"metric[{index}](name={name})";
        var tags = Tags(metric, path);
        var type = Type(metric, path);
        var any = false;
        if (KairosJsonReader.Optional(metric, "datapoints") is { } list)
        {
            KairosJsonReader.RequireArray(list, path + ".datapoints");
            var i = 0;
            foreach (var pair in list.EnumerateArray())
            {
                var pointPath = $"{path}.datapoints[{i}]";
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                {
                    throw new KairosDbRequestException($"{pointPath} must be a pair [timestamp, value], not {KairosJsonReader.Kind(pair)}.");
                }

                points.Add(new DataPoint(name, Timestamp(pair[0], pointPath + ".timestamp"), Value(pair[1], type, pointPath + ".value"), tags));
                i++;
                any = true;
            }
        }

        if (KairosJsonReader.Optional(metric, "timestamp") is { } timestamp)
        {
            var value = KairosJsonReader.Optional(metric, "value")
                ?? throw new KairosDbRequestException($"{path}.value may not be null: give the value of the point at \"timestamp\".");
            points.Add(new DataPoint(name, Timestamp(timestamp, path + ".timestamp"), Value(value, type, path + ".value"), tags));
            any = true;
        }
        else if (KairosJsonReader.Optional(metric, "value") is not null)
        {
            throw new KairosDbRequestException($"{path}.timestamp cannot be null: give the Unix milliseconds of \"value\".");
        }

        if (!any)
        {
            throw new KairosDbRequestException($"{path} has no datapoints: give \"datapoints\": [[ms, value], …] or \"timestamp\" and \"value\".");
        }
    }

    private static TagSet Tags(JsonElement metric, string path)
    {
        if (KairosJsonReader.Optional(metric, "tags") is not { } tags || tags.ValueKind != JsonValueKind.Object || !tags.EnumerateObject().Any())
        {
            throw new KairosDbRequestException($"{path}.tags count must be greater than or equal to 1: give every metric at least one tag, e.g. {{\"device_id\": \"17\"}}.");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var tag in tags.EnumerateObject())
        {
            if (tag.Name.Length == 0)
            {
                throw new KairosDbRequestException($"{path}.tag[].name may not be empty: give every tag a name.");
            }

            var value = JsonBodyText(tag.Value);
            if (string.IsNullOrEmpty(value))
            {
                throw new KairosDbRequestException($"{path}.tag[{tag.Name}].value may not be empty: give every tag a value.");
            }

            pairs.Add(new KeyValuePair<string, string>(tag.Name, value));
        }

        return TagSet.Of(pairs);
    }

    private static string? JsonBodyText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static string? Type(JsonElement metric, string path)
    {
        if (KairosJsonReader.Optional(metric, "type") is not { } type)
        {
            return null;
        }

        var name = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        return name is "long" or "double"
            ? name
            : throw new KairosDbRequestException($"{path}.type {KairosJsonReader.Kind(type)} is not supported: the store keeps numbers only; use \"long\", \"double\" or no type.");
    }

    private static long Timestamp(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms)
            ? ms
            : throw new KairosDbRequestException($"{path} must be whole Unix milliseconds, not {KairosJsonReader.Kind(value)}.");

    private static MetricValue Value(JsonElement value, string? type, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new KairosDbRequestException($"{path} must be a number, not {KairosJsonReader.Kind(value)}: the store keeps longs and doubles only.");
        }

        var isLong = type == "long" || (type is null && value.GetRawText().AsSpan().IndexOfAny(".eE") < 0);
        if (isLong)
        {
            return value.TryGetInt64(out var whole)
                ? MetricValue.Of(whole)
                : throw new KairosDbRequestException($"{path} {value.GetRawText()} is not a long: send a whole number within ±9.2e18, or type \"double\".");
        }

        var number = value.GetDouble();
        return double.IsFinite(number)
            ? MetricValue.Of(number)
            : throw new KairosDbRequestException($"{path} {value.GetRawText()} is out of range: send a finite number.");
    }
}
