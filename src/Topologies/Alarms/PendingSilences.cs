using System.Collections.Concurrent;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The silent marks one worker set and has not confirmed yet (<see cref="IDeviceActivity"/>): renewed at each loader
/// tick or silence check, so that they do not lapse while their alert waits for the SMS provider, and confirmed once
/// the alert is delivered (or dropped by its cooldown). A worker that dies stops renewing, and its marks lapse after
/// <see cref="IDeviceActivity.UnconfirmedMarkLease"/> for another to report the silence. The state store being
/// unavailable only delays: each call is retried with backoff.
/// </summary>
internal sealed class PendingSilences(IDeviceActivity activity, TimeSpan firstBackoff, TimeSpan maxBackoff)
{
    private readonly ConcurrentDictionary<long, string> _marks = new();

    /// <summary>Notes a mark this worker set and will report.</summary>
    public SilenceMark Add(long deviceId, string callId)
    {
        _marks[deviceId] = callId;
        return new SilenceMark(deviceId, callId);
    }

    /// <summary>Renews every pending mark; one no longer held (a reading cleared it) is forgotten.</summary>
    public async Task Renew()
    {
        foreach (var call in _marks.GroupBy(m => m.Value, m => m.Key).ToList())
        {
            var devices = call.ToList();
            var held = await Retried(() => activity.RenewSilent(devices, call.Key)).ConfigureAwait(false);
            foreach (var lost in devices.Except(held))
            {
                _marks.TryRemove(new KeyValuePair<long, string>(lost, call.Key));
            }
        }
    }

    /// <summary>Confirms a mark whose alert went out, and forgets it.</summary>
    public async Task Confirm(SilenceMark mark)
    {
        await Retried(() => activity.ConfirmSilent([mark.DeviceId], mark.CallId)).ConfigureAwait(false);
        _marks.TryRemove(new KeyValuePair<long, string>(mark.DeviceId, mark.CallId));
    }

    private Task<IReadOnlyList<long>> Retried(Func<Task<IReadOnlyList<long>>> call) =>
        Backoff.UntilDone(call, e => e is StateUnavailableException, firstBackoff, maxBackoff);
}
