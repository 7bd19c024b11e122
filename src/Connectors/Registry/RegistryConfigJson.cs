using System.Text.Json;

namespace StreamEngine.Connectors.Registry;

/// <summary>The config map (thesis' map&lt;TEXT, TEXT&gt;) as the JSON text kept in the <c>config</c> column.</summary>
internal static class RegistryConfigJson
{
    public const string Empty = "{}";

    public static string Write(Dictionary<string, string> config) =>
        JsonSerializer.Serialize(config, RegistryJsonContext.Default.DictionaryStringString);

    /// <summary>The stored map with these keys set (added or overwritten), as JSON.</summary>
    public static string Merge(string? json, IReadOnlyDictionary<string, string> values)
    {
        // Read as the registry hands maps out, so the column has one reader.
        var config = new Dictionary<string, string>(ConfigMap.Parse(json), StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            config[key] = value;
        }

        return Write(config);
    }
}
