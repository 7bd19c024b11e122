using System.Collections.Concurrent;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// The ended silences (<see cref="IDeviceActivity.RecordSeenEndingSilences"/>) one worker is reporting: the store hands
/// an unconfirmed one out again to every call that brings its reading, so a duplicate of the reading that comes while
/// its alert is still on its way is not reported twice by this worker; once the alert is delivered, the store is told.
/// The state store being unavailable only delays: each confirmation is retried with backoff.
/// </summary>
internal sealed class PendingEnds(IDeviceActivity activity, TimeSpan firstBackoff, TimeSpan maxBackoff)
{
    private readonly ConcurrentDictionary<SilenceEnded, bool> _reporting = new();

    /// <summary>Those of <paramref name="ended"/> this worker is not reporting yet, now noted as reported by it.</summary>
    public List<SilenceEnded> Take(IEnumerable<SilenceEnded> ended) => [.. ended.Where(e => _reporting.TryAdd(e, true))];

    /// <summary>Confirms ended silences whose alert went out, and forgets them.</summary>
    public async Task Confirm(IReadOnlyCollection<SilenceEnded> ended)
    {
        await Backoff.UntilDone(
            async () =>
            {
                await activity.ConfirmEnded(ended).ConfigureAwait(false);
                return true;
            },
            e => e is StateUnavailableException,
            firstBackoff,
            maxBackoff).ConfigureAwait(false);
        foreach (var end in ended)
        {
            _reporting.TryRemove(end, out _);
        }
    }
}
