using System.Buffers;
using System.Globalization;
using System.Text.Json;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Legacy;

/// <summary>
/// The legacy gateway message for one reading (thesis 7.2, DESIGN.md section 3):
/// <c>{"device":{"id":123,"auth":789},"reading":{"temp":15,"time":1732291200,"batt":75}}</c>, time in Unix seconds.
/// </summary>
public static class LegacyMessage
{
    /// <summary>
    /// Writes the message; <paramref name="auth"/> is written as a number when it is one (as the legacy devices' tokens
    /// were), as a string otherwise, and left out when null.
    /// </summary>
    public static byte[] Serialize(Reading reading, string? auth)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("device");
            json.WriteNumber("id", reading.DeviceId);
            if (auth is not null)
            {
                if (long.TryParse(auth, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumber("auth", number);
                }
                else
                {
                    json.WriteString("auth", auth);
                }
            }

            json.WriteEndObject();
            json.WriteStartObject("reading");
            json.WriteNumber("temp", reading.Temp);
            if (reading.Time % 1000 == 0)
            {
                json.WriteNumber("time", reading.Time / 1000);
            }
            else
            {
                json.WriteNumber("time", reading.Time / 1000m);
            }

            json.WriteNumber("batt", reading.Batt);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
