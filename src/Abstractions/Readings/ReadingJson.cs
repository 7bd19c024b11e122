using System.Text;
using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

/// <summary>The wire form of a <see cref="Reading"/>: <c>{"deviceId":…,"gatewayId":…,"time":…,"temp":…,"batt":…,"receivedAt":…,"source":"…"}</c>.</summary>
/// <remarks>
/// Every topology after authentication reads every reading, so reading is hand-written over <see cref="Utf8JsonReader"/>:
/// System.Text.Json builds a record of more than four constructor parameters from an array of boxed arguments, which
/// made a boxed <see cref="long"/> and an argument array per reading (bench/RESULTS.md). What it accepts is what the
/// serializer accepted: every property present, names as written (camelCase), numbers as JSON numbers, unknown
/// properties skipped, a property given twice keeping its last value.
/// </remarks>
public static class ReadingJson
{
    private const int DeviceIdBit = 1, GatewayIdBit = 2, TimeBit = 4, TempBit = 8, BattBit = 16, ReceivedAtBit = 32, SourceBit = 64;
    private const int Every = 127;
    private const string WholeNumber = "a whole number";
    private const int ShownNumberBytes = 32;

    public static byte[] Serialize(Reading reading) =>
        JsonSerializer.SerializeToUtf8Bytes(reading, ReadingsJsonContext.Default.Reading);

    /// <exception cref="JsonException">The bytes are not a reading; the message says what is wrong.</exception>
    public static Reading Deserialize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a reading object, got {JsonTokenText.Of(reader.TokenType)}.");
        }

        long deviceId = 0, gatewayId = 0, time = 0, receivedAt = 0;
        double temp = 0;
        int batt = 0, seen = 0;
        string? source = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("deviceId"u8))
            {
                deviceId = Int64(ref reader, "deviceId");
                seen |= DeviceIdBit;
            }
            else if (reader.ValueTextEquals("gatewayId"u8))
            {
                gatewayId = Int64(ref reader, "gatewayId");
                seen |= GatewayIdBit;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                time = Int64(ref reader, "time");
                seen |= TimeBit;
            }
            else if (reader.ValueTextEquals("temp"u8))
            {
                temp = Double(ref reader, "temp");
                seen |= TempBit;
            }
            else if (reader.ValueTextEquals("batt"u8))
            {
                batt = Int32(ref reader, "batt");
                seen |= BattBit;
            }
            else if (reader.ValueTextEquals("receivedAt"u8))
            {
                receivedAt = Int64(ref reader, "receivedAt");
                seen |= ReceivedAtBit;
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                source = Text(ref reader, "source");
                seen |= SourceBit;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (seen != Every)
        {
            throw new JsonException($"A reading needs deviceId, gatewayId, time, temp, batt, receivedAt and source; {Missing(seen)} missing.");
        }

        if (reader.Read())
        {
            throw new JsonException($"Expected the end of the reading, got {JsonTokenText.Of(reader.TokenType)}.");
        }

        return new Reading(deviceId, gatewayId, time, temp, batt, receivedAt, source!);
    }

    private static long Int64(ref Utf8JsonReader reader, string name)
    {
        NextNumber(ref reader, name, WholeNumber);
        return reader.TryGetInt64(out var value) ? value : throw NotA(WholeNumber, name, reader);
    }

    private static int Int32(ref Utf8JsonReader reader, string name)
    {
        NextNumber(ref reader, name, WholeNumber);
        return reader.TryGetInt32(out var value) ? value : throw NotA(WholeNumber, name, reader);
    }

    private static double Double(ref Utf8JsonReader reader, string name)
    {
        NextNumber(ref reader, name, "a number");
        return reader.TryGetDouble(out var value) ? value : throw NotA("a number", name, reader);
    }

    private static string Text(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw NotA("a string", name, reader);
    }

    private static void NextNumber(ref Utf8JsonReader reader, string name, string what)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw NotA(what, name, reader);
        }
    }

    /// <summary>What is wrong with a property's value: its kind, or for a number that does not fit, the number.</summary>
    private static JsonException NotA(string what, string name, in Utf8JsonReader reader) =>
        new($"A reading's {name} must be {what}, got {(reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, ShownNumberBytes)]) : JsonTokenText.Of(reader.TokenType))}.");

    private static string Missing(int seen) => string.Join(", ", new (int Bit, string Name)[]
    {
        (DeviceIdBit, "deviceId"), (GatewayIdBit, "gatewayId"), (TimeBit, "time"), (TempBit, "temp"), (BattBit, "batt"),
        (ReceivedAtBit, "receivedAt"), (SourceBit, "source"),
    }.Where(p => (seen & p.Bit) == 0).Select(p => p.Name));
}
