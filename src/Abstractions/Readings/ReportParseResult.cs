using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Abstractions.Readings;

/// <summary>What <see cref="ReportParser.Parse"/> made of a payload: a <see cref="Report"/>, or a rejection with its reason.</summary>
public sealed class ReportParseResult
{
    private ReportParseResult(Report? report, string? reason, string? detail)
    {
        Report = report;
        Reason = reason;
        Detail = detail;
        IsAccepted = report is not null;
    }

    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Reason), nameof(Detail))]
    public bool IsAccepted { get; }

    public Report? Report { get; }

    /// <summary>One of <see cref="DeadLetterReason"/> when rejected.</summary>
    public string? Reason { get; }

    /// <summary>What was wrong and what is expected, e.g. <c>batches[1].readings[0].temp: 151 is outside -100…150 °C</c>.</summary>
    public string? Detail { get; }

    public static ReportParseResult Accepted(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report, null, null);
    }

    public static ReportParseResult Rejected(string reason, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentException.ThrowIfNullOrEmpty(detail);
        return new(null, reason, detail);
    }

    public override string ToString() => IsAccepted ? $"accepted: {Report.Batches.Count} batch(es)" : $"{Reason}: {Detail}";
}
