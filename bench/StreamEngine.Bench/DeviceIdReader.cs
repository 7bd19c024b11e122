using System.Text.Json;

namespace StreamEngine.Bench;

/// <summary>Reads <c>deviceId</c> out of a reading with <see cref="Utf8JsonReader"/>: no allocation, stops at the field.</summary>
internal static class DeviceIdReader
{
    public static int Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("deviceId"u8))
            {
                reader.Read();
                return reader.GetInt32();
            }
        }

        throw new FormatException("The reading has no deviceId.");
    }
}
