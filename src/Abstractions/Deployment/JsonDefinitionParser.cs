using System.Text.Json;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>Reads a JSON definition document into <see cref="DefinitionNode"/>s; comments and trailing commas are allowed.</summary>
public static class JsonDefinitionParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The document's root node, or null with <paramref name="error"/> saying where the JSON is broken.</summary>
    public static DefinitionNode? Parse(string text, out DefinitionError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            error = null;
            return Node(document.RootElement);
        }
        catch (JsonException exception)
        {
            error = new DefinitionError(
                DefinitionPaths.Document,
                $"not valid JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}: {exception.Message} Fix the JSON, or send the definition as YAML.");
            return null;
        }
    }

    private static DefinitionNode Node(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new MappingNode([.. element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Node(p.Value)))]),
        JsonValueKind.Array => new SequenceNode([.. element.EnumerateArray().Select(Node)]),
        JsonValueKind.String => new ScalarNode(element.GetString()),
        JsonValueKind.Null => new ScalarNode(null),
        _ => new ScalarNode(element.GetRawText()),
    };
}
