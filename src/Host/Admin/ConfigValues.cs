using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamEngine.Host.Admin;

/// <summary>
/// Turns a config body (one JSON object) into the text map the registry stores: numbers may come as JSON numbers or
/// strings, and their text is kept. <c>phone</c> must be E.164; the limits (<c>minTemperature</c>, <c>maxTemperature</c>,
/// <c>minBattery</c>) must be numbers.
/// </summary>
public static partial class ConfigValues
{
    private static readonly string[] NumericKeys = ["minTemperature", "maxTemperature", "minBattery"];

    /// <summary>The map, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(JsonElement body, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (JsonBody.ScalarText(property.Value) is not { } text)
            {
                error = $"Config key '{property.Name}' must be a string, number or boolean, not {property.Value.ValueKind.ToString().ToUpperInvariant()}.";
                return null;
            }

            if (Check(property.Name, text) is { } invalid)
            {
                error = invalid;
                return null;
            }

            values[property.Name] = text;
        }

        if (values.Count == 0)
        {
            error = "The config body has no keys: send a JSON object such as {\"maxTemperature\":\"8\",\"phone\":\"+351912345678\"}.";
            return null;
        }

        error = null;
        return values;
    }

    /// <summary>What is wrong with this value for this key, or null when it may be stored.</summary>
    public static string? Check(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == "phone" && !E164().IsMatch(text))
        {
            return $"Config key 'phone' is '{text}', not an E.164 number: write '+', the country code and the number, digits only (e.g. +351912345678).";
        }

        return NumericKeys.Contains(key) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"Config key '{key}' is '{text}', not a number: send e.g. 10.5 or \"10.5\"."
            : null;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}
