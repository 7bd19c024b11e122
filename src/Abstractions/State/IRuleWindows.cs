namespace StreamEngine.Abstractions.State;

/// <summary>
/// The windows of the rule topologies, shared by every worker and surviving restarts: per rule and device, the time of
/// the first of the readings that have all been beyond the rule's limit up to the newest (<c>for</c>; a device whose
/// newest reading is within the limit has none, so the store holds only the excursions going on), and each rule's own
/// last-seen times and silent set (<c>silence</c>).
/// </summary>
/// <remarks>
/// The worker that owns a device (Kafka keys readings by device) reads its window once, when the device first comes to
/// it, and writes it when an excursion starts or ends; so a window outlives a rebalance, a restart and a node's death.
/// When the backing store cannot be reached every method throws <see cref="StateUnavailableException"/>; the caller
/// backs off and retries.
/// </remarks>
public interface IRuleWindows
{
    /// <summary>Since when the device's readings have all been beyond the rule's limit, Unix milliseconds; null when they are not.</summary>
    Task<long?> BeyondSince(string rule, long deviceId, CancellationToken cancellation = default);

    /// <summary>Stores that the device's readings have been beyond the rule's limit since <paramref name="sinceMs"/>, or, for null, that they are not.</summary>
    Task SetBeyondSince(string rule, long deviceId, long? sinceMs, CancellationToken cancellation = default);

    /// <summary>
    /// The last-seen times and silent set of one rule, apart from the alerts topology's and every other rule's: what a
    /// <c>silence</c> rule's workers share, so a device that falls silent while its partition moves is still reported.
    /// </summary>
    IDeviceActivity Activity(string rule);
}
