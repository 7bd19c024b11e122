using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamEngine.Host.Cluster;

/// <summary>How the topology API writes JSON: camelCase names, enums by name (<c>"Active"</c>, <c>"Running"</c>).</summary>
public static class TopologyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
