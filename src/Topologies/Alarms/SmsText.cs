using System.Globalization;
using System.Text;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Deployment;

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
        var when = When(timeMs);
        var (head, tail) = kind switch
        {
            AlertKind.TemperatureHigh => ("ALERT ", $": too warm, {Number(value)} C above max {Number(limit)} C at {when}"),
            AlertKind.TemperatureLow => ("ALERT ", $": too cold, {Number(value)} C below min {Number(limit)} C at {when}"),
            AlertKind.BatteryLow => ("ALERT ", $": battery low, {Number(value)}% below {Number(limit)}% at {when}"),
            AlertKind.NoCommunication => ("ALERT ", $": no reading for {Number(value)} min (limit {Number(limit)} min) at {when}"),
            AlertKind.CommunicationRestored => ("OK ", $": readings again at {when} after {Number(value)} min of silence"),
            _ => throw new ArgumentException($"Unknown alert kind '{kind}'; use one of the AlertKind constants.", nameof(kind)),
        };
        return Compose(head, deviceId, name, tail);
    }

    /// <summary>
    /// The text for an alert a rule raised: the rule's alert kind, the device, what its condition measured
    /// (<paramref name="value"/>: °C, % battery, minutes of silence or °C per hour) against its limit, and when, e.g.
    /// <c>freezer-warm: Freezer 3 (device 3): -12 C above -15 C for 10 min at 2024-11-22 16:10 UTC</c>.
    /// </summary>
    public static string ForRule(string alertKind, RuleCondition condition, long deviceId, string? name, double value, long timeMs)
    {
        ArgumentNullException.ThrowIfNull(alertKind);
        var at = $" at {When(timeMs)}";
        var tail = condition switch
        {
            TemperatureAboveCondition c => $": {Number(value)} C above {Number(c.Limit)} C{During(c.For)}{at}",
            TemperatureBelowCondition c => $": {Number(value)} C below {Number(c.Limit)} C{During(c.For)}{at}",
            BatteryBelowCondition c => $": battery {Number(value)}% below {Number(c.Limit)}%{at}",
            SilenceCondition c => $": no reading for {Number(value)} min (limit {Number(c.For.TotalMinutes)} min){at}",
            RiseRateCondition c => $": temperature rising {Number(value)} C/h (limit {Number(c.DegreesPerHour)} C/h) within {Number(c.Window.TotalMinutes)} min{at}",
            _ => throw new ArgumentException($"Unknown condition '{condition?.Type}'.", nameof(condition)),
        };
        return Compose(ToGsm7(alertKind) + ": ", deviceId, name, tail);
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

    private static string Compose(string head, long deviceId, string? name, string tail)
    {
        var device = $"device {deviceId.ToString(CultureInfo.InvariantCulture)}";
        if (string.IsNullOrWhiteSpace(name))
        {
            return head + device + tail;
        }

        var id = $" ({device})";
        var room = MaxSeptets - Septets(head) - Septets(id) - Septets(tail);
        return head + Fit(ToGsm7(name), room) + id + tail;
    }

    private static string When(long timeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string During(TimeSpan? window) => window is { } w ? $" for {Number(w.TotalMinutes)} min" : "";

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
