using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Simulator;

/// <summary>Counts the reports sent, by kind, and what the engine must make of them: readings and dead letters by reason.</summary>
public sealed class SimulationTally
{
    private readonly SortedDictionary<string, int> _sentByKind = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _deadLetters = new(StringComparer.Ordinal);

    public int Sent { get; private set; }

    public int ExpectedReadings { get; private set; }

    public IReadOnlyDictionary<string, int> SentByKind => _sentByKind;

    public IReadOnlyDictionary<string, int> ExpectedDeadLetters => _deadLetters;

    public int ExpectedDeadLetterCount => _deadLetters.Values.Sum();

    public void Add(SimulatedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Sent++;
        _sentByKind[report.Kind] = _sentByKind.GetValueOrDefault(report.Kind) + 1;
        ExpectedReadings += report.ExpectedReadings;
        if (report.ExpectedDeadLetter is { } reason)
        {
            _deadLetters[reason] = _deadLetters.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>For example <c>sent 19 reports: valid 6, bad-device-token 1, …</c>.</summary>
    public string DescribeSent() => $"sent {Sent} reports{(Sent == 0 ? "" : ": " + Join(_sentByKind))}";

    /// <summary>For example <c>expected 94 readings, 11 dead letters (bad-device-token 1, …)</c>.</summary>
    public string DescribeExpected() =>
        $"expected {ExpectedReadings} readings, {ExpectedDeadLetterCount} dead letters{(_deadLetters.Count == 0 ? "" : " (" + Join(_deadLetters) + ")")}";

    /// <summary>The expectation for scripts: <c>{"readings":94,"deadLetters":{"bad-device-token":1,…}}</c>.</summary>
    public string ExpectedJson() => JsonSerializer.Serialize(new { readings = ExpectedReadings, deadLetters = _deadLetters });

    private static string Join(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var text = new StringBuilder();
        foreach (var (key, count) in counts)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(key).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
