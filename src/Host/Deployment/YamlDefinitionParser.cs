using StreamEngine.Abstractions.Deployment;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StreamEngine.Host.Deployment;

/// <summary>
/// Reads a YAML definition document into <see cref="DefinitionNode"/>s: anchors and aliases resolved, a plain
/// <c>null</c>, <c>~</c> or nothing read as null, every other scalar kept as its text.
/// </summary>
public static class YamlDefinitionParser
{
    private static readonly HashSet<string> NullTexts = new(["", "~", "null", "Null", "NULL"], StringComparer.Ordinal);

    /// <summary>The document's root node, or null with <paramref name="error"/> saying what is wrong with the YAML.</summary>
    public static DefinitionNode? Parse(string text, out DefinitionError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            error = new DefinitionError(
                DefinitionPaths.Document,
                $"not valid YAML at line {exception.Start.Line}, column {exception.Start.Column}: {exception.InnerException?.Message ?? exception.Message} Fix the YAML, or send the definition as JSON.");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            error = new DefinitionError(
                DefinitionPaths.Document,
                stream.Documents.Count == 0
                    ? "is empty; write a definition with name, kind, source and, if the kind needs them, params"
                    : $"holds {stream.Documents.Count} YAML documents; send one definition per document");
            return null;
        }

        error = null;
        return Node(stream.Documents[0].RootNode);
    }

    private static DefinitionNode Node(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new MappingNode([.. mapping.Children.Select(entry => KeyValuePair.Create(Key(entry.Key), Node(entry.Value)))]),
        YamlSequenceNode sequence => new SequenceNode([.. sequence.Children.Select(Node)]),
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: var value } when value is null || NullTexts.Contains(value) => new ScalarNode(null),
        YamlScalarNode scalar => new ScalarNode(scalar.Value ?? ""),
        _ => throw new ArgumentException($"A YAML node of type {node.NodeType} is not part of a definition.", nameof(node)),
    };

    /// <summary>A mapping key as text; a key that is itself a mapping or list (legal YAML, never a definition field) shows as such.</summary>
    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } text } ? text : $"({key.NodeType})";
}
