using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Host.KairosDb;

/// <summary>KairosDB's response bodies: query results, query tags, name lists and errors.</summary>
public static class KairosResponses
{
    /// <summary><c>{"errors": [...]}</c> with <paramref name="status"/>.</summary>
    public static IResult Errors(int status, params string[] messages) =>
        new KairosJsonResult(status, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            foreach (var message in messages)
            {
                json.WriteStringValue(message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary><c>{"results": [...]}</c>, as metricnames, tagnames and tagvalues answer.</summary>
    public static IResult Names(IReadOnlyList<string> names) =>
        new KairosJsonResult(StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var name in names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>
    /// <c>{"queries": [{"sample_size": N, "results": [{"name", "group_by", "tags", "values"}]}]}</c>; a result
    /// without points and tag group has no <c>group_by</c>, as KairosDB's.
    /// </summary>
    public static IResult Queries(IReadOnlyList<MetricQueryResult> queries) =>
        new KairosJsonResult(StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("queries");
            foreach (var query in queries)
            {
                json.WriteStartObject();
                json.WriteNumber("sample_size", query.SampleSize);
                json.WriteStartArray("results");
                foreach (var result in query.Results)
                {
                    WriteResult(json, result);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary><c>{"queries": [{"results": [{"name", "tags", "values": []}]}]}</c>, as query/tags answers.</summary>
    public static IResult Tags(IReadOnlyList<MetricTagsResult> results) =>
        new KairosJsonResult(StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("queries");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteStartArray("results");
                json.WriteStartObject();
                json.WriteString("name", result.Name);
                WriteTags(json, result.Tags);
                json.WriteStartArray("values");
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteResult(Utf8JsonWriter json, MetricResult result)
    {
        json.WriteStartObject();
        json.WriteString("name", result.Name);
        if (result.Values.Count > 0 || result.TagGroup is not null)
        {
            json.WriteStartArray("group_by");
            json.WriteStartObject();
            json.WriteString("name", "type");
            json.WriteString("type", result.Type);
            json.WriteEndObject();
            if (result.TagGroup is { } group)
            {
                json.WriteStartObject();
                json.WriteString("name", "tag");
                json.WriteStartArray("tags");
                foreach (var tag in group.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteStartObject("group");
                foreach (var (name, value) in group.Group)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteTags(json, result.Tags);
        json.WriteStartArray("values");
        foreach (var point in result.Values)
        {
            json.WriteStartArray();
            json.WriteNumberValue(point.TimestampMs);
            KairosJsonResult.WriteValue(json, point.Value);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        json.WriteStartObject("tags");
        foreach (var (name, values) in tags)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
