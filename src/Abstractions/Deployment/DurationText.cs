using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// Durations as definitions write them. Two forms: whole numbers with units, largest first, without spaces —
/// <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c> (<c>1h</c>, <c>1h30m</c>, <c>15s</c>, <c>500ms</c>) — or .NET's
/// constant TimeSpan form <c>[d.]hh:mm:ss[.fffffff]</c> (<c>01:00:00</c>, <c>00:00:00.5</c>). Negative durations are
/// not durations.
/// </summary>
public static partial class DurationText
{
    /// <summary>How an error message tells the reader to write a duration.</summary>
    public const string Hint = "write it like 1h, 10m, 90s, 500ms, 1h30m or 01:00:00";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        if (Units().Match(text) is { Success: true } match)
        {
            return TryAddUnits(match, out duration);
        }

        return text.Contains(':', StringComparison.Ordinal)
            && !text.StartsWith('-')
            && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);
    }

    /// <summary>The shortest unit form: <c>1h30m</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Negative durations have no text form.");
        }

        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.ToString();
    }

    private static readonly (string Unit, long Ticks)[] UnitTicks =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    private static bool TryAddUnits(Match match, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var ticks = 0L;
        try
        {
            foreach (var (unit, perUnit) in UnitTicks)
            {
                if (match.Groups[unit] is { Success: true } group)
                {
                    ticks = checked(ticks + (long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) * perUnit));
                }
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static void Append(StringBuilder text, int amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(@"^(?=\d+(?:d|h|m|s|ms))(?:(?<d>\d{1,9})d)?(?:(?<h>\d{1,9})h)?(?:(?<m>\d{1,9})m(?!s))?(?:(?<s>\d{1,9})s)?(?:(?<ms>\d{1,9})ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();
}
