using System.Text;
using System.Text.Unicode;

namespace StreamEngine.Bench;

/// <summary>
/// Makes sensor-reading JSON values of exactly <see cref="ValueSize"/> bytes, e.g.
/// <c>{"deviceId":123,"gatewayId":7,"time":…,"temp":4.5,"batt":75,"rssi":-67,"seq":42,"pad":"xx…"}</c>,
/// keyed by device id (UTF-8 digits).
/// </summary>
internal sealed class ReadingGenerator
{
    public const int ValueSize = 120;
    public const int Devices = 10_000;

    private readonly byte[][] _keys = Enumerable.Range(0, Devices)
        .Select(d => Encoding.UTF8.GetBytes(d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToArray();

    public static int DeviceOf(long sequence) => (int)(sequence % Devices);

    public byte[] Key(long sequence) => _keys[DeviceOf(sequence)];

    public static byte[] Value(long sequence, long timeMs)
    {
        var device = DeviceOf(sequence);
        Span<byte> buffer = stackalloc byte[ValueSize];
        var temp = (device % 400 - 100) / 10.0;
        if (!Utf8.TryWrite(buffer, System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"deviceId\":{device},\"gatewayId\":{device % 97},\"time\":{timeMs},\"temp\":{temp:0.0},\"batt\":{device % 100},\"rssi\":{-(device % 90)},\"seq\":{sequence},\"pad\":\"",
                out var written))
        {
            throw new InvalidOperationException("A reading does not fit its fixed size.");
        }

        var value = new byte[ValueSize];
        buffer[..written].CopyTo(value);
        value.AsSpan(written, ValueSize - written - 2).Fill((byte)'x');
        value[^2] = (byte)'"';
        value[^1] = (byte)'}';
        return value;
    }
}
