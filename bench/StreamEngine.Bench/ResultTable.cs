using System.Globalization;
using System.Text;

namespace StreamEngine.Bench;

/// <summary>
/// Prints the results as a Markdown table; in throughput mode the Akka path also as a share of the raw
/// consume→produce loop (in latency mode both are held to the producer's rate, so the share says nothing).
/// </summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<PathResult> results, BenchMode mode)
    {
        var loop = mode == BenchMode.Throughput
            ? results.FirstOrDefault(r => r.Path.StartsWith("raw consume→produce", StringComparison.Ordinal))
            : null;
        var text = new StringBuilder();
        text.AppendLine("| path | records | startup s | run s | records/s | records/s incl. startup | % of raw loop | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var share = loop is not null && r.Path.StartsWith("Akka", StringComparison.Ordinal) && loop.RecordsPerSecond > 0
                ? (r.RecordsPerSecond / loop.RecordsPerSecond * 100).ToString("0", CultureInfo.InvariantCulture) + " %"
                : "";
            var latency = r.Latency is { Samples: > 0 } l
                ? string.Create(CultureInfo.InvariantCulture, $"{l.P50} | {l.P99} | {l.Max}")
                : " |  | ";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Path} | {r.Records:N0} | {r.Startup.TotalSeconds:0.00} | {r.Run.TotalSeconds:0.00} | {r.RecordsPerSecond:N0} | {r.RecordsPerSecondWithStartup:N0} | {share} | {latency} |"));
        }

        return text.ToString();
    }
}
