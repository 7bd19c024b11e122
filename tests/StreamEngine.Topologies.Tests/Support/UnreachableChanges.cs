using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>A change feed whose store cannot be reached for the first subscribe calls; then it keeps the handler.</summary>
public sealed class UnreachableChanges(int failures) : IRegistryChanges
{
    private int _failuresLeft = failures;
    private Action<long>? _handler;

    public bool Subscribed => Volatile.Read(ref _handler) is not null;

    public Task Publish(long deviceId, CancellationToken cancellation = default)
    {
        Volatile.Read(ref _handler)?.Invoke(deviceId);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> Subscribe(Action<long> onChange, CancellationToken cancellation = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new StateUnavailableException("the change feed's store is not reachable yet");
        }

        Volatile.Write(ref _handler, onChange);
        return Task.FromResult<IAsyncDisposable>(new Unsubscribe(this));
    }

    private sealed class Unsubscribe(UnreachableChanges feed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref feed._handler, null);
            return ValueTask.CompletedTask;
        }
    }
}
