using System.Text.Json.Serialization;

namespace StreamEngine.Connectors.Registry;

/// <summary>Source-generated JSON for the config maps of devices and gateways (no reflection).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
