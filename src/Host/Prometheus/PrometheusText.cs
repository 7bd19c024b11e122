using System.Globalization;
using System.Text;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Prometheus;

/// <summary>
/// Topology workers' metrics in Prometheus' text exposition format 0.0.4: one family per metric (its <c>HELP</c> and
/// <c>TYPE</c>, then every worker's series), labelled <c>topology</c> and <c>worker</c>, plus <c>stage</c>,
/// <c>quantile</c>, <c>reason</c> or <c>topic</c> and <c>partition</c> where they apply.
/// </summary>
public static class PrometheusText
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The exposition of the workers' snapshots; the families are written even when there is no worker.</summary>
    public static string Write(IReadOnlyList<(TopologyMetricsSnapshot Snapshot, int Worker)> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var text = new StringBuilder();
        Family(text, "streamengine_topology_records_consumed_total", "counter", "Records the topology took from its source topic.",
            workers.Select(w => (Labels(w), (double)w.Snapshot.Consumed)));
        Family(text, "streamengine_topology_records_completed_total", "counter", "Records whose every effect is durable: their offsets went to the committer.",
            workers.Select(w => (Labels(w), (double)w.Snapshot.Completed)));
        Family(text, "streamengine_stage_records_in_total", "counter", "Elements that entered the stage.",
            Stages(workers, (labels, s) => [(labels, s.In)]));
        Family(text, "streamengine_stage_records_out_total", "counter", "Elements the stage emitted.",
            Stages(workers, (labels, s) => [(labels, s.Out)]));
        Family(text, "streamengine_stage_failures_total", "counter", "Elements the stage's function threw or faulted on.",
            Stages(workers, (labels, s) => [(labels, s.Failures)]));
        Family(text, "streamengine_stage_latency_seconds", "gauge", "Stage latency quantiles since the worker started (log buckets, at most 12.5 % high).",
            Stages(workers, (labels, s) => [(labels + ",quantile=\"0.5\"", s.P50Ms / 1_000), (labels + ",quantile=\"0.99\"", s.P99Ms / 1_000)]));
        Family(text, "streamengine_stage_capacity", "gauge", "Busy time over wall time in the last 10 s, as Storm's capacity (near 1: the bottleneck).",
            Stages(workers, (labels, s) => [(labels, s.Capacity)]));
        Family(text, "streamengine_dead_letters_total", "counter", "Dead letters the topology wrote, by reason.",
            workers.SelectMany(w => w.Snapshot.DeadLettersByReason.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => ($"{Labels(w)},reason=\"{Escape(d.Key)}\"", (double)d.Value))));
        Family(text, "streamengine_consumer_lag", "gauge", "Records in the partition the topology's consumer group has not yet done.",
            workers.SelectMany(w => w.Snapshot.Lag.Select(l =>
                (string.Create(CultureInfo.InvariantCulture, $"{Labels(w)},topic=\"{Escape(l.Topic)}\",partition=\"{l.Partition}\""), (double)l.Lag))));
        return text.ToString();
    }

    private static IEnumerable<(string Labels, double Value)> Stages(
        IReadOnlyList<(TopologyMetricsSnapshot Snapshot, int Worker)> workers, Func<string, StageMetrics, IEnumerable<(string, double)>> series) =>
        workers.SelectMany(w => w.Snapshot.Stages.SelectMany(s => series($"{Labels(w)},stage=\"{Escape(s.Name)}\"", s)));

    private static string Labels((TopologyMetricsSnapshot Snapshot, int Worker) worker) =>
        string.Create(CultureInfo.InvariantCulture, $"topology=\"{Escape(worker.Snapshot.Topology)}\",worker=\"{worker.Worker}\"");

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in series)
        {
            text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>A label value as the format wants it: backslash, double quote and line feed escaped.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
