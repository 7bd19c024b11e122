using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// One line of the main job's live counts (src/Host/Topologies/LiveCounts.cs), read back into its numbers, e.g.
/// <c>reports in 917, readings out 8958, dead letters [bad-device-token 36], raw rows 8948, readings as datapoints 8535, alerts 2 [battery-low 1, temperature-high 1], sms 2</c>.
/// </summary>
/// <param name="ReportsIn">Reports the authentication topology consumed.</param>
/// <param name="ReadingsOut">Readings it wrote to <c>readings</c>.</param>
/// <param name="DeadLetters">Dead letters by reason.</param>
/// <param name="RawRows">Rows in the raw store.</param>
/// <param name="Datapoints">Readings the datapoints topology stored as datapoints.</param>
/// <param name="Alerts">Alerts written, all kinds together.</param>
/// <param name="AlertsByKind">Alerts written by kind.</param>
/// <param name="Sms">SMS accepted by the SMS service.</param>
public sealed partial record LiveCountLine(
    long ReportsIn, long ReadingsOut, IReadOnlyDictionary<string, long> DeadLetters, long RawRows, long Datapoints, long Alerts,
    IReadOnlyDictionary<string, long> AlertsByKind, long Sms)
{
    /// <summary>Every live-count line in the output, oldest first.</summary>
    public static IReadOnlyList<LiveCountLine> AllIn(string output) =>
        [.. Line().Matches(output).Select(match => new LiveCountLine(
            Number(match, "reports"), Number(match, "readings"), Counts(match, "deadletters"), Number(match, "raw"), Number(match, "datapoints"),
            Number(match, "alerts"), Counts(match, "kinds"), Number(match, "sms")))];

    /// <summary>
    /// True when every count a person watches is above zero: reports in, readings out, dead letters of each of
    /// <paramref name="deadLetterReasons"/>, raw rows, datapoints, alerts of each of <paramref name="alertKinds"/>, and SMS.
    /// </summary>
    public bool CountsAll(IEnumerable<string> deadLetterReasons, IEnumerable<string> alertKinds) =>
        ReportsIn > 0 && ReadingsOut > 0 && deadLetterReasons.All(r => DeadLetters.GetValueOrDefault(r) > 0) && RawRows > 0 && Datapoints > 0
        && Alerts > 0 && alertKinds.All(k => AlertsByKind.GetValueOrDefault(k) > 0) && Sms > 0;

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Counts(Match match, string group) => match.Groups[group].Value
        .Split(", ", StringSplitOptions.RemoveEmptyEntries)
        .Select(count => count.Split(' '))
        .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [GeneratedRegex(
        @"^reports in (?<reports>\d+), readings out (?<readings>\d+), dead letters \[(?<deadletters>[^\]]*)\], raw rows (?<raw>\d+), readings as datapoints (?<datapoints>\d+), alerts (?<alerts>\d+) \[(?<kinds>[^\]]*)\], sms (?<sms>\d+)(?: \(\d+ rejected\))?$",
        RegexOptions.Multiline)]
    private static partial Regex Line();
}
