using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

/// <summary>How an error message names the JSON token it found where it expected another: "a string", "an array"…</summary>
internal static class JsonTokenText
{
    public static string Of(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
