namespace StreamEngine.Abstractions.State;

/// <summary>
/// Tells every running topology that a device's or gateway's registry entry (created, deleted, state, contact,
/// limits) changed, so caches of it refresh at once instead of at the next periodic refresh. Device and gateway ids
/// are announced alike: a cache reloads whatever it holds under the id.
/// </summary>
/// <remarks>
/// Delivery is best effort, like any publish/subscribe: a subscriber that is disconnected when a change is published
/// misses it, which is why caches also refresh periodically. <see cref="Publish"/> throws
/// <see cref="StateUnavailableException"/> when the backing store cannot be reached.
/// </remarks>
public interface IRegistryChanges
{
    /// <summary>Announces that the registry entry of this device (or gateway) changed.</summary>
    Task Publish(long deviceId, CancellationToken cancellation = default);

    /// <summary>
    /// Calls <paramref name="onChange"/> with the device id of every change published from now on, until the returned
    /// handle is disposed. The handler runs on a background thread and must not block; exceptions it throws are
    /// swallowed so that one bad subscriber cannot stop the others.
    /// </summary>
    Task<IAsyncDisposable> Subscribe(Action<long> onChange, CancellationToken cancellation = default);
}
