using Microsoft.Extensions.Hosting;
using StreamEngine.Abstractions.Storage;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// Prints, every two seconds while anything moves, what the ingest topologies did and which alarms the alarm
/// topologies raised: a person can watch the engine work.
/// </summary>
public sealed class LiveCounts(IngestTopologies ingest, AlarmTopologies alarms, IRawStore rawStore, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        var last = "";
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (ingest.Authentication is not { } authentication || ingest.Raw is not { } raw || ingest.Datapoints is not { } datapoints)
            {
                continue;
            }

            var rows = await rawStore.Count(stoppingToken).ConfigureAwait(false);
            var written = authentication.Counters.WrittenByTopic;
            var deadLetters = authentication.Counters.DeadLettersByReason.Concat(raw.Counters.DeadLettersByReason).Concat(datapoints.Counters.DeadLettersByReason)
                .GroupBy(d => d.Key).Select(g => $"{g.Key} {g.Sum(d => d.Value)}").Order(StringComparer.Ordinal);
            var line = FormattableString.Invariant(
                $"reports in {authentication.Counters.Consumed}, readings out {written.GetValueOrDefault("readings")}, dead letters [{string.Join(", ", deadLetters)}], raw rows {rows}, readings as datapoints {datapoints.Counters.Completed}, {Alarms()}");
            if (line != last)
            {
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }
        }
    }

    private string Alarms() =>
        AlarmCounts.Describe(alarms.Running.Select(t => t.Counters), alarms.Sms?.Accepted ?? 0, alarms.Sms?.Rejected ?? 0);
}
