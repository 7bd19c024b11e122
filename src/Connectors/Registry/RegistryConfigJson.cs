using System.Text.Json;

namespace StreamEngine.Connectors.Registry;

/// <summary>The config map (thesis' map&lt;TEXT, TEXT&gt;) as the JSON text kept in the <c>config</c> column.</summary>
internal static class RegistryConfigJson
{
    public const string Empty = "{}";

    private static Dictionary<string, string> Read(string? json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(
                JsonSerializer.Deserialize(json, RegistryJsonContext.Default.DictionaryStringString) ?? [],
                StringComparer.Ordinal);

    public static string Write(Dictionary<string, string> config) =>
        JsonSerializer.Serialize(config, RegistryJsonContext.Default.DictionaryStringString);

    /// <summary>The stored map with these keys set (added or overwritten), as JSON.</summary>
    public static string Merge(string? json, IReadOnlyDictionary<string, string> values)
    {
        var config = Read(json);
        foreach (var (key, value) in values)
        {
            config[key] = value;
        }

        return Write(config);
    }
}
