namespace StreamEngine.Abstractions.State;

/// <summary>
/// Last-seen time per device and the set of devices already reported silent: the memory of the no-communication
/// (alerts) topology, thesis 7.3.5. Times are reading times in Unix milliseconds.
/// </summary>
/// <remarks>
/// Every method is safe to call concurrently, from several workers and several nodes: last-seen only ever moves
/// forward (a replayed or late reading never moves it back), and adding to or removing from the silent set tells
/// which call did it, so exactly one caller raises each alarm. When the backing store cannot be reached every method
/// throws <see cref="StateUnavailableException"/>; nothing is half-applied that a retry of the same call would not
/// fix, so the caller backs off and retries the same call.
/// </remarks>
public interface IDeviceActivity
{
    /// <summary>
    /// Records reading times for many devices in one batch (several times of one device may be given; the newest
    /// wins) and keeps, per device, the greater of the stored and the new time. Returns one change per distinct
    /// device, in no particular order.
    /// </summary>
    Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default);

    /// <summary>The last-seen time of each of these devices that was ever seen; devices never seen are left out.</summary>
    Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>
    /// For the loader tick: up to <paramref name="limit"/> devices whose last-seen time is before
    /// <paramref name="seenBeforeMs"/> (exclusive) and that are not in the silent set, oldest first.
    /// </summary>
    Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default);

    /// <summary>Adds devices to the silent set; returns those that were not in it yet (the ones to report).</summary>
    Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>Removes devices from the silent set; returns those that were in it (the ones to report as restored).</summary>
    Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>Those of these devices that are in the silent set.</summary>
    Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);

    /// <summary>Forgets devices entirely (last-seen time and silent mark), for devices deleted from the registry.</summary>
    Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default);
}
