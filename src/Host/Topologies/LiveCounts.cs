using Microsoft.Extensions.Hosting;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Prints, every two seconds while anything moves, what the ingest topologies running on this node did and which
/// alarms the alarm topologies raised: a person can watch the engine work.
/// </summary>
public sealed class LiveCounts(ClusterService cluster, RunningTopologies running, IRawStore rawStore, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        var last = "";
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (cluster.Resources is not { } resources)
            {
                continue;
            }

            var counters = running.All().Select(w => w.Topology).ToLookup(t => t.Name, t => t.Counters, StringComparer.Ordinal);
            var rows = await rawStore.Count(stoppingToken).ConfigureAwait(false);
            var authentication = counters["authentication"].ToList();
            var deadLetters = counters.SelectMany(t => t).SelectMany(c => c.DeadLettersByReason)
                .GroupBy(d => d.Key).Select(g => $"{g.Key} {g.Sum(d => d.Value)}").Order(StringComparer.Ordinal);
            var line = FormattableString.Invariant(
                $"reports in {authentication.Sum(c => c.Consumed)}, readings out {authentication.Sum(c => c.WrittenByTopic.GetValueOrDefault("readings"))}, dead letters [{string.Join(", ", deadLetters)}], raw rows {rows}, readings as datapoints {counters["datapoints"].Sum(c => c.Completed)}, {AlarmCounts.Describe(counters.SelectMany(t => t), resources.Sms.Accepted, resources.Sms.Rejected)}");
            if (line != last)
            {
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }
        }
    }
}
