using System.Security.Cryptography;

namespace StreamEngine.Connectors.Storage;

/// <summary>
/// Time-based UUIDs (RFC 9562 version 1, Cassandra's <c>timeuuid</c>): a 60-bit count of 100-ns intervals since
/// 1582-10-15 UTC, then a clock sequence and a node that are random per process. Timestamps are kept strictly
/// increasing within the process, so every UUID made here is unique and later ones carry later timestamps.
/// </summary>
internal static class TimeUuid
{
    /// <summary>The start of the Gregorian calendar, where UUID timestamps count from.</summary>
    internal static readonly DateTime Epoch = new(1582, 10, 15, 0, 0, 0, DateTimeKind.Utc);

    private const long MaxTimestamp = (1L << 60) - 1;

    // Clock sequence (14 bits) with the RFC variant 10xx, and a random node with the multicast bit set (RFC 9562 6.10).
    private static readonly ushort ClockSequence = (ushort)(0x8000 | (RandomNumberGenerator.GetInt32(0x4000)));
    private static readonly long Node = RandomNode();

    private static long last;

    /// <summary>The length of a time UUID in its canonical form.</summary>
    internal const int Length = 36;

    /// <summary>
    /// Writes a new time UUID for now, in the canonical lower-case form <c>xxxxxxxx-xxxx-1xxx-yxxx-xxxxxxxxxxxx</c>, as
    /// ASCII (= UTF-8) into the first <see cref="Length"/> bytes of <paramref name="destination"/>.
    /// </summary>
    internal static void WriteNew(Span<byte> destination) => Write(NextTimestamp(DateTime.UtcNow), destination);

    /// <summary>The strictly increasing timestamp for <paramref name="utcNow"/>: its own, or one past the last handed out.</summary>
    internal static long NextTimestamp(DateTime utcNow)
    {
        var now = (utcNow.ToUniversalTime() - Epoch).Ticks;
        while (true)
        {
            var previous = Volatile.Read(ref last);
            var next = now > previous ? now : previous + 1;
            if (Interlocked.CompareExchange(ref last, next, previous) == previous)
            {
                return next;
            }
        }
    }

    /// <summary>The UUID string for a 60-bit timestamp (100-ns intervals since <see cref="Epoch"/>).</summary>
    internal static string Format(long timestamp)
    {
        Span<byte> ascii = stackalloc byte[Length];
        Write(timestamp, ascii);
        return System.Text.Encoding.ASCII.GetString(ascii);
    }

    /// <summary>Writes the UUID of a 60-bit timestamp as ASCII into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    internal static void Write(long timestamp, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timestamp, MaxTimestamp);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        WriteHex(destination[..8], (ulong)timestamp & 0xFFFF_FFFF, 8);            // time_low
        destination[8] = (byte)'-';
        WriteHex(destination.Slice(9, 4), (ulong)(timestamp >> 32) & 0xFFFF, 4);  // time_mid
        destination[13] = (byte)'-';
        WriteHex(destination.Slice(14, 4), 0x1000 | ((ulong)(timestamp >> 48) & 0x0FFF), 4); // version 1 + time_high
        destination[18] = (byte)'-';
        WriteHex(destination.Slice(19, 4), ClockSequence, 4);
        destination[23] = (byte)'-';
        WriteHex(destination.Slice(24, 12), (ulong)Node, 12);
    }

    /// <summary>The 60-bit timestamp of a version-1 UUID string.</summary>
    /// <exception cref="FormatException">It is not a version-1 UUID.</exception>
    internal static long Timestamp(string uuid)
    {
        var guid = Guid.Parse(uuid);
        if (guid.Version != 1)
        {
            throw new FormatException($"'{uuid}' is not a version-1 UUID.");
        }

        var hex = guid.ToString("N");
        return Convert.ToInt64(string.Concat(hex.AsSpan(13, 3), hex.AsSpan(8, 4), hex.AsSpan(0, 8)), 16);
    }

    /// <summary>The time of a version-1 UUID string.</summary>
    internal static DateTime Time(string uuid) => Epoch.AddTicks(Timestamp(uuid));

    /// <summary>
    /// An SQL expression over a column of these strings whose text order is time order (time_high, time_mid,
    /// time_low), as Cassandra compares timeuuids: the canonical string itself sorts by time_low first.
    /// </summary>
    internal static string SortKeySql(string column) =>
        $"(substr({column}, 16, 3) || substr({column}, 10, 4) || substr({column}, 1, 8))";

    private static void WriteHex(Span<byte> destination, ulong value, int digits)
    {
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = "0123456789abcdef"u8[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    private static long RandomNode()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var node = BitConverter.ToInt64(bytes) & 0xFFFF_FFFF_FFFF;
        return node | 0x0100_0000_0000; // multicast bit of the first octet: not a real MAC address
    }
}
