using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Registry;

/// <summary>
/// A cache's subscription to <see cref="IRegistryChanges"/>: taken at once when the feed is reachable, else in the
/// background with backoff (Redis still starting), after which <c>onMissed</c> runs, since changes published meanwhile
/// were not seen. Disposing stops the attempts and ends the subscription.
/// </summary>
public sealed class RegistryChangeSubscription : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private IAsyncDisposable? _subscription;
    private Task _late = Task.CompletedTask;
    private int _disposed;

    private RegistryChangeSubscription()
    {
    }

    /// <param name="changes">The feed.</param>
    /// <param name="onChange">Called with each announced id, on the feed's thread: must not block.</param>
    /// <param name="onMissed">Called once a late subscription is taken.</param>
    /// <param name="cancellation">Stops waiting for the first attempt.</param>
    public static async Task<RegistryChangeSubscription> Start(
        IRegistryChanges changes, Action<long> onChange, Func<Task> onMissed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(onChange);
        ArgumentNullException.ThrowIfNull(onMissed);
        var subscription = new RegistryChangeSubscription();
        try
        {
            subscription._subscription = await changes.Subscribe(onChange, cancellation).ConfigureAwait(false);
        }
        catch (StateUnavailableException)
        {
            subscription._late = subscription.SubscribeWhenReachable(changes, onChange, onMissed);
        }

        return subscription;
    }

    /// <summary>Stops the background attempts and ends the subscription; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _late.ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task SubscribeWhenReachable(IRegistryChanges changes, Action<long> onChange, Func<Task> onMissed)
    {
        try
        {
            _subscription = await Backoff.UntilDone(
                () => changes.Subscribe(onChange, _stopping.Token), e => e is StateUnavailableException, FirstBackoff, MaxBackoff, _stopping.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await onMissed().ConfigureAwait(false);
    }
}
