namespace StreamEngine.Abstractions.Deployment;

/// <summary>Reads the <c>params</c> of a built-in kind against the <see cref="ParamSpec"/>s the kind takes.</summary>
internal static class BuiltInParamsReader
{
    private const string Path = "params";

    public static TopologyParams? Read(NodeReader reader, DefinitionNode? node, TopologyKind kind, IReadOnlyList<ParamSpec> specs)
    {
        if (node is null or ScalarNode { Text: null })
        {
            return TopologyParams.Empty;
        }

        var names = specs.Select(spec => spec.Name).ToList();
        if (reader.Fields(node, Path, names, TopologyKindNames.NameOf(kind)) is not { } fields)
        {
            return null;
        }

        var values = new List<KeyValuePair<string, object>>();
        var failed = false;
        foreach (var spec in specs.Where(spec => fields.ContainsKey(spec.Name)))
        {
            if (Value(reader, fields[spec.Name], DefinitionPaths.Field(Path, spec.Name), spec) is { } value)
            {
                values.Add(KeyValuePair.Create(spec.Name, value));
            }
            else
            {
                failed = true;
            }
        }

        return failed ? null : new TopologyParams(values);
    }

    private static object? Value(NodeReader reader, DefinitionNode node, string path, ParamSpec spec) => spec.Type switch
    {
        ParamType.Text => Text(reader, node, path),
        ParamType.Url => Url(reader, node, path),
        ParamType.WholeNumber => reader.Integer(node, path, spec.Minimum, spec.Maximum),
        ParamType.Number => reader.Number(node, path, spec.Minimum, spec.Maximum),
        ParamType.Boolean => reader.Boolean(node, path),
        ParamType.Duration => reader.Duration(node, path),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "Not a param type."),
    };

    private static string? Text(NodeReader reader, DefinitionNode node, string path)
    {
        var text = reader.Text(node, path);
        if (text is { Length: 0 })
        {
            reader.Error(path, "must not be empty; give a value, or leave the param out for its default");
            return null;
        }

        return text;
    }

    private static string? Url(NodeReader reader, DefinitionNode node, string path)
    {
        var text = node is ScalarNode { Text: null } ? "" : reader.Text(node, path);
        if (text is not { Length: > 0 })
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            reader.Error(path, $"\"{text}\" is not an http or https URL; write one like https://legacy.example.com/api/readings, or leave it empty");
            return null;
        }

        return text;
    }
}
