using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The silent mark that a loader or silence check set on a device under <see cref="CallId"/>, carried with the alert
/// it raised: confirmed once that alert is delivered (or dropped by its cooldown), so that a worker dying in between
/// leaves the mark unconfirmed and the silence is found and reported again (<see cref="IDeviceActivity"/>).
/// </summary>
internal sealed record SilenceMark(long DeviceId, string CallId)
{
    /// <summary>Confirms the mark, retrying with backoff while the state store is unavailable.</summary>
    public Task Confirm(IDeviceActivity activity, TimeSpan firstBackoff, TimeSpan maxBackoff) =>
        Backoff.UntilDone(() => activity.ConfirmSilent([DeviceId], CallId), e => e is StateUnavailableException, firstBackoff, maxBackoff);
}
