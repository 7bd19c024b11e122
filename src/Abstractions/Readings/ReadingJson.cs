using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

/// <summary>The wire form of a <see cref="Reading"/>: <c>{"deviceId":…,"gatewayId":…,"time":…,"temp":…,"batt":…,"receivedAt":…,"source":"…"}</c>.</summary>
public static class ReadingJson
{
    public static byte[] Serialize(Reading reading) =>
        JsonSerializer.SerializeToUtf8Bytes(reading, ReadingsJsonContext.Default.Reading);

    /// <exception cref="JsonException">The bytes are not a reading.</exception>
    public static Reading Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ReadingsJsonContext.Default.Reading)
        ?? throw new JsonException("Expected a reading object, got null.");
}
