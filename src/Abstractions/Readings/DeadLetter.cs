using System.Text;
using System.Text.Json.Serialization;

namespace StreamEngine.Abstractions.Readings;

/// <summary>Bad input set aside (topic <c>deadletters</c>, key = source topic), serialized by <see cref="DeadLetterJson"/>.</summary>
/// <param name="Source">Where the input came from, e.g. <c>reports/0/4711</c>.</param>
/// <param name="Topology">The topology that rejected it.</param>
/// <param name="Reason">One of <see cref="DeadLetterReason"/>.</param>
/// <param name="Detail">What was wrong and what is expected.</param>
/// <param name="Payload">The original input, cut to at most <see cref="MaxPayloadBytes"/> bytes of UTF-8.</param>
/// <param name="At">When it was rejected, Unix milliseconds.</param>
public sealed record DeadLetter(string Source, string Topology, string Reason, string Detail, string Payload, [property: JsonPropertyOrder(1)] long At)
{
    /// <summary>The most of the original payload a dead letter keeps: 64 KiB of UTF-8.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    // Declared here to truncate, which would write it after "at": the order above keeps the DESIGN field order.
    public string Payload { get; init => field = Truncate(value); } = Truncate(Payload);

    /// <summary>A dead letter for a raw payload: its first <see cref="MaxPayloadBytes"/> bytes, cut at a character boundary, as text.</summary>
    public static DeadLetter FromBytes(string source, string topology, string reason, string detail, ReadOnlySpan<byte> payload, long at) =>
        new(source, topology, reason, detail, Decode(payload), at);

    private static string Decode(ReadOnlySpan<byte> payload) =>
        Encoding.UTF8.GetString(payload[..CutAt(payload)]);

    private static string Truncate(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length <= MaxPayloadBytes / 3 || Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes)
        {
            return payload;
        }

        return Decode(Encoding.UTF8.GetBytes(payload));
    }

    /// <summary>The length to keep: all of it if it fits, else the limit moved back to the start of a UTF-8 sequence.</summary>
    private static int CutAt(ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= MaxPayloadBytes)
        {
            return payload.Length;
        }

        var cut = MaxPayloadBytes;
        while (cut > 0 && (payload[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return cut;
    }
}
