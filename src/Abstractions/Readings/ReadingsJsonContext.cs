using System.Text.Json.Serialization;

namespace StreamEngine.Abstractions.Readings;

/// <summary>Source-generated (reflection-free) JSON for the messages the engine writes, camelCase as in DESIGN section 3.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Reading))]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class ReadingsJsonContext : JsonSerializerContext;
