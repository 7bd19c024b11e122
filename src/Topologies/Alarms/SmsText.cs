using System.Globalization;
using System.Text;
using StreamEngine.Abstractions.Alerts;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The SMS text of an alert: what happened, to which device (its name and id), the value and the limit, and when in
/// UTC, in at most <see cref="MaxSeptets"/> GSM-7 septets so that it goes as one segment. Characters outside GSM-7
/// are spelled without their accents, or replaced with <c>?</c>; a name too long to fit is cut.
/// </summary>
public static class SmsText
{
    /// <summary>One GSM-7 SMS segment.</summary>
    public const int MaxSeptets = 160;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    /// <summary>The text for an alert of <paramref name="kind"/> (<see cref="AlertKind"/>) on a device.</summary>
    public static string For(string kind, long deviceId, string? name, double? value, double? limit, long timeMs)
    {
        var when = DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var (head, tail) = kind switch
        {
            AlertKind.TemperatureHigh => ("ALERT ", $": too warm, {Number(value)} C above max {Number(limit)} C at {when}"),
            AlertKind.TemperatureLow => ("ALERT ", $": too cold, {Number(value)} C below min {Number(limit)} C at {when}"),
            AlertKind.BatteryLow => ("ALERT ", $": battery low, {Number(value)}% below {Number(limit)}% at {when}"),
            AlertKind.NoCommunication => ("ALERT ", $": no reading for {Number(value)} min (limit {Number(limit)} min) at {when}"),
            AlertKind.CommunicationRestored => ("OK ", $": readings again at {when} after {Number(value)} min of silence"),
            _ => throw new ArgumentException($"Unknown alert kind '{kind}'; use one of the AlertKind constants.", nameof(kind)),
        };
        var device = $"device {deviceId.ToString(CultureInfo.InvariantCulture)}";
        if (string.IsNullOrWhiteSpace(name))
        {
            return head + device + tail;
        }

        var id = $" ({device})";
        var room = MaxSeptets - Septets(head) - Septets(id) - Septets(tail);
        return head + Fit(ToGsm7(name), room) + id + tail;
    }

    /// <summary>The length of <paramref name="text"/> in GSM-7 septets (extension characters count two).</summary>
    public static int Septets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var c in text)
        {
            count += Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
        }

        return count;
    }

    /// <summary>True when every character of <paramref name="text"/> is in GSM-7 (basic set or extension).</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!Basic.Contains(c, StringComparison.Ordinal) && !Extension.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Number(double? value) =>
        value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "?";

    private static string ToGsm7(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c is '\n' or '\r' or '\f')
            {
                result.Append(' ');
            }
            else if (Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
            }
            else
            {
                var bare = c.ToString().Normalize(NormalizationForm.FormD)[0];
                result.Append(Basic.Contains(bare, StringComparison.Ordinal) ? bare : '?');
            }
        }

        return result.ToString();
    }

    private static string Fit(string label, int room)
    {
        if (Septets(label) <= room)
        {
            return label;
        }

        var cut = new StringBuilder();
        var used = 0;
        foreach (var c in label)
        {
            var size = Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (used + size > room - 2)
            {
                break;
            }

            cut.Append(c);
            used += size;
        }

        return cut.Append("..").ToString();
    }
}
