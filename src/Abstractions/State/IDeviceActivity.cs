namespace StreamEngine.Abstractions.State;

/// <summary>
/// Last-seen time per device and the set of devices already reported silent: the memory of the no-communication
/// (alerts) topology, thesis 7.3.5. Times are reading times in Unix milliseconds.
/// </summary>
/// <remarks>
/// Every method is safe to call concurrently, from several workers and several nodes: last-seen only ever moves
/// forward (a replayed or late reading never moves it back), and adding to or removing from the silent set tells
/// which call did it, so exactly one caller raises each alarm. When the backing store cannot be reached every method
/// throws <see cref="StateUnavailableException"/>, maybe after applying the call in part or in full (Redis applied it
/// but its answer was lost); the caller backs off and retries the same call, which then answers as the first would
/// have: <see cref="MarkSilent"/> and <see cref="ClearSilent"/> take a call id, chosen once per call and kept for its
/// retries, by which they recognise their own earlier attempts. A silent mark is unconfirmed until its caller has
/// reported the silence and says so with <see cref="ConfirmSilent"/>, and a live caller renews it meanwhile; one left
/// unconfirmed and not renewed for longer than <see cref="UnconfirmedMarkLease"/> is taken for the mark of a caller that
/// died before it reported, and the silence is found and marked again, so a crash between marking and reporting delays
/// that alarm instead of losing it.
/// </remarks>
public interface IDeviceActivity
{
    /// <summary>
    /// How long a silent mark may stay unconfirmed, and not renewed, before <see cref="FindNewlySilent"/> and
    /// <see cref="MarkSilent"/> take it for a dead caller's.
    /// </summary>
    public static readonly TimeSpan UnconfirmedMarkLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Records reading times for many devices in one batch (several times of one device may be given; the newest
    /// wins) and keeps, per device, the greater of the stored and the new time. Returns one change per distinct
    /// device, in no particular order.
    /// </summary>
    Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default);

    /// <summary>
    /// Records reading times as <see cref="RecordSeen"/> does and, in the same step for each device, finds the readings
    /// that end a silence: of the device's times newer than the stored one, taken in time order, each that comes more
    /// than <paramref name="silence"/> after the time before it; and, when the device is in the silent set and its
    /// newest time here is at or after <paramref name="silentBeforeMs"/> (which lifts the mark), the first at or after
    /// <paramref name="silentBeforeMs"/>, unless a gap ended the silence before it. Each such reading is held unconfirmed
    /// until <see cref="ConfirmEnded"/>: a later call that brings the same device and time again (the replay of a reading
    /// whose caller died before reporting it, or the retry of a call whose answer was lost) gets it again, so a crash
    /// between recording and reporting delays a restored alarm instead of losing it.
    /// </summary>
    /// <param name="seen">Reading times, several per device allowed; a repeated time counts once.</param>
    /// <param name="silence">How long without a reading makes a device silent.</param>
    /// <param name="silentBeforeMs">Now minus <paramref name="silence"/>: a device whose newest time is older is silent now.</param>
    /// <param name="cancellation">Stops waiting for the store; the call may still be applied.</param>
    Task<SeenOutcome> RecordSeenEndingSilences(
        IReadOnlyCollection<DeviceSeen> seen, TimeSpan silence, long silentBeforeMs, CancellationToken cancellation = default);

    /// <summary>
    /// Settles ended silences once they are reported: they are not returned again. One not held (settled before, or
    /// never returned) is left alone, so a retry is safe.
    /// </summary>
    Task ConfirmEnded(IReadOnlyCollection<SilenceEnded> ended, CancellationToken cancellation = default);

    /// <summary>The last-seen time of each of these devices that was ever seen; devices never seen are left out.</summary>
    Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>
    /// For the loader tick: up to <paramref name="limit"/> devices whose last-seen time is before
    /// <paramref name="seenBeforeMs"/> (exclusive) and that are not in the silent set, or whose mark has stayed
    /// unconfirmed for longer than <see cref="UnconfirmedMarkLease"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default);

    /// <summary>
    /// Adds devices to the silent set, each marked with <paramref name="callId"/> and unconfirmed; returns those that
    /// were not in it yet or whose mark had stayed unconfirmed for longer than <see cref="UnconfirmedMarkLease"/> (the
    /// ones to report; the caller confirms each once reported), and those already marked with the same
    /// <paramref name="callId"/> (an earlier attempt of this call added them). Devices marked by another call are left
    /// as they are and not returned.
    /// </summary>
    /// <param name="deviceIds">The devices to mark; repeated ids count once.</param>
    /// <param name="callId">Chosen by the caller once per call (a new <see cref="Guid"/>, say) and passed again to each retry of it.</param>
    /// <param name="cancellation">Stops waiting for the store; the call may still be applied.</param>
    Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default);

    /// <summary>
    /// Renews the unconfirmed marks <paramref name="callId"/> holds on these devices: their lease starts again now. A
    /// caller whose report of a silence takes long (its SMS provider is down) renews its marks now and then, well within
    /// <see cref="UnconfirmedMarkLease"/>. Returns the devices whose mark the call holds; a device cleared or marked by
    /// another call since is left alone. Safe to retry.
    /// </summary>
    Task<IReadOnlyList<long>> RenewSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default);

    /// <summary>
    /// Confirms the marks <paramref name="callId"/> set on these devices: their silence is reported, and the marks stay
    /// until a clear. Returns the devices whose mark the call holds (confirmed now or before); a device cleared or
    /// marked by another call since is left alone. Safe to retry.
    /// </summary>
    Task<IReadOnlyList<long>> ConfirmSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default);

    /// <summary>
    /// Removes devices from the silent set; returns those that were in it (the ones to report as restored), and those
    /// that an earlier attempt with the same <paramref name="callId"/> removed in the last ten minutes (longer than any
    /// retry's backoff), even when another call has marked them again since, whose mark then stays.
    /// </summary>
    /// <param name="deviceIds">The devices to clear; repeated ids count once.</param>
    /// <param name="callId">Chosen by the caller once per call (a new <see cref="Guid"/>, say) and passed again to each retry of it.</param>
    /// <param name="cancellation">Stops waiting for the store; the call may still be applied.</param>
    Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default);

    /// <summary>Those of these devices that are in the silent set.</summary>
    Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>Forgets devices entirely (last-seen time, silent mark and unconfirmed ended silences), for devices deleted from the registry.</summary>
    Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);
}
