using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StreamEngine.Host.Admin;

/// <summary>Reads a request body that must be one JSON object, with a clear error when it is not.</summary>
public static class JsonBody
{
    /// <summary>The object, or null with the error message set.</summary>
    public static async Task<(JsonElement? Body, string? Error)> ReadObject(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, $"The request body must be a JSON object, not {document.RootElement.ValueKind.ToString().ToUpperInvariant()}.");
        }
        catch (JsonException e)
        {
            return (null, $"The request body is not valid JSON ({e.Message}). Send one JSON object with 'Content-Type: application/json'.");
        }
    }

    /// <summary>A string property, or the raw text of a number property; null when absent or of another kind.</summary>
    public static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? ScalarText(value) : null;

    /// <summary>The text of a string, number or boolean; null for anything else.</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
