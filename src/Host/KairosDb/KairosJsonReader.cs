using System.Globalization;
using System.Text.Json;
using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Host.KairosDb;

/// <summary>
/// Reads the scalar fields of KairosDB's request JSON as KairosDB does (numbers may come as strings, units in any
/// case), throwing <see cref="KairosDbRequestException"/> that names the field by its path when one is wrong.
/// </summary>
public static class KairosJsonReader
{
    /// <summary>KairosDB's unit names, upper case as its error messages list them.</summary>
    public const string UnitNames = "MILLISECONDS,SECONDS,MINUTES,HOURS,DAYS,WEEKS,MONTHS,YEARS";

    private static readonly Dictionary<string, SamplingUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["milliseconds"] = SamplingUnit.Milliseconds,
        ["seconds"] = SamplingUnit.Seconds,
        ["minutes"] = SamplingUnit.Minutes,
        ["hours"] = SamplingUnit.Hours,
        ["days"] = SamplingUnit.Days,
        ["weeks"] = SamplingUnit.Weeks,
        ["months"] = SamplingUnit.Months,
        ["years"] = SamplingUnit.Years,
    };

    /// <summary>The object at <paramref name="path"/>, or an error saying it must be one.</summary>
    public static JsonElement RequireObject(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object
            ? value
            : throw new KairosDbRequestException($"{path} must be a JSON object, not {Kind(value)}.");

    /// <summary>The array at <paramref name="path"/>, or an error saying it must be one.</summary>
    public static JsonElement RequireArray(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array
            ? value
            : throw new KairosDbRequestException($"{path} must be a JSON array, not {Kind(value)}.");

    /// <summary>A whole number, given as a JSON number or a string holding one.</summary>
    public static long WholeNumber(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new KairosDbRequestException($"{path} must be a whole number, not {Kind(value)}: send e.g. 10.");
    }

    /// <summary>A non-empty string.</summary>
    public static string Text(JsonElement value, string path, string what) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new KairosDbRequestException($"{path} may not be empty: give {what}.");

    /// <summary>A boolean; absent means false.</summary>
    public static bool Flag(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new KairosDbRequestException($"{path}.{name} must be true or false, not {Kind(value)}."),
        };
    }

    /// <summary>A time unit (<c>"minutes"</c>, <c>"MINUTES"</c>, …).</summary>
    public static SamplingUnit Unit(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && Units.TryGetValue(value.GetString()!, out var unit)
            ? unit
            : throw new KairosDbRequestException($"{path} must be one of {UnitNames}, not {Kind(value)}.");

    /// <summary>The property, or null when absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>How a value reads in an error message: its text for a string or number, its kind otherwise.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Undefined => "missing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
