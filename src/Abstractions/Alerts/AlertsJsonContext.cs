using System.Text.Json.Serialization;

namespace StreamEngine.Abstractions.Alerts;

/// <summary>Source-generated (reflection-free) JSON for alerts, camelCase as in DESIGN section 3.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Alert))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext;
