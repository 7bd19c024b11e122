using System.Text.Json;

namespace StreamEngine.Abstractions.Alerts;

/// <summary>The wire form of an <see cref="Alert"/>, camelCase as in DESIGN section 3.</summary>
public static class AlertJson
{
    public static byte[] Serialize(Alert alert) =>
        JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJsonContext.Default.Alert);

    /// <exception cref="JsonException">The bytes are not an alert.</exception>
    public static Alert Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, AlertsJsonContext.Default.Alert)
        ?? throw new JsonException("Expected an alert object, got null.");
}
