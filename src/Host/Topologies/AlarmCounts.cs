using System.Globalization;

namespace StreamEngine.Host.Topologies;

/// <summary>The alarm part of the live counts: alerts written, by kind, and SMS sent.</summary>
public static class AlarmCounts
{
    /// <summary>For example <c>alerts 3 [battery-low 1, no-communication 1, temperature-high 1], sms 3</c>; rejected SMS only when there are some.</summary>
    public static string Describe(IEnumerable<TopologyCounters> topologies, long smsAccepted, long smsRejected)
    {
        ArgumentNullException.ThrowIfNull(topologies);
        var byKind = topologies.SelectMany(t => t.AlertsByKind).GroupBy(a => a.Key, StringComparer.Ordinal)
            .Select(g => (Kind: g.Key, Count: g.Sum(a => a.Value))).OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        var kinds = string.Join(", ", byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Count}")));
        var rejected = smsRejected > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({smsRejected} rejected)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"alerts {byKind.Sum(k => k.Count)} [{kinds}], sms {smsAccepted}{rejected}");
    }
}
