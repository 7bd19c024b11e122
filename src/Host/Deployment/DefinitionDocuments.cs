using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Host.Deployment;

/// <summary>Reads a YAML or JSON definition document, text or file, and validates it against the built-in kinds' params.</summary>
public static class DefinitionDocuments
{
    /// <summary>The definition in <paramref name="text"/>, or every error in it.</summary>
    public static DefinitionResult Read(string text, DefinitionFormat format)
    {
        DefinitionError? error;
        var root = format == DefinitionFormat.Json
            ? JsonDefinitionParser.Parse(text, out error)
            : YamlDefinitionParser.Parse(text, out error);
        return root is null ? DefinitionResult.Invalid([error!]) : TopologyDefinitionReader.Read(root, BuiltInTopologyParams.ByKind);
    }

    /// <summary>The definition in a <c>.yaml</c>, <c>.yml</c> or <c>.json</c> file, or every error in it.</summary>
    public static async Task<DefinitionResult> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (FormatOf(path) is not { } format)
        {
            return DefinitionResult.Invalid([new DefinitionError(
                DefinitionPaths.Document,
                $"'{Path.GetFileName(path)}' is neither YAML nor JSON by its name; name the file *.yaml, *.yml or *.json")]);
        }

        return Read(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), format);
    }

    /// <summary>The format a file name says: <c>.yaml</c>, <c>.yml</c> or <c>.json</c>; null for any other.</summary>
    public static DefinitionFormat? FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".YAML" or ".YML" => DefinitionFormat.Yaml,
        ".JSON" => DefinitionFormat.Json,
        _ => null,
    };
}
