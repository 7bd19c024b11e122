using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// The real device activity behind a gate: after <see cref="HoldNextRecord"/>, the next write of last-seen times waits
/// until <see cref="Release"/>, so that the readings that come meanwhile reach the store together, in one batch.
/// </summary>
public sealed class HeldActivity(IDeviceActivity inner) : IDeviceActivity
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _holding;

    /// <summary>Writes waiting at the gate now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    public void HoldNextRecord()
    {
        Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _armed, 1);
    }

    public void Release() => Volatile.Read(ref _gate).TrySetResult();

    public async Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Interlocked.Increment(ref _holding);
            await Volatile.Read(ref _gate).Task.WaitAsync(cancellation);
            Interlocked.Decrement(ref _holding);
        }

        return await inner.RecordSeen(seen, cancellation);
    }

    public Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) =>
        inner.LastSeen(deviceIds, cancellation);

    public Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default) =>
        inner.FindNewlySilent(seenBeforeMs, limit, cancellation);

    public Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        inner.MarkSilent(deviceIds, callId, cancellation);

    public Task<IReadOnlyList<long>> ConfirmSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        inner.ConfirmSilent(deviceIds, callId, cancellation);

    public Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        inner.ClearSilent(deviceIds, callId, cancellation);

    public Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) =>
        inner.WhichSilent(deviceIds, cancellation);

    public Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) => inner.Forget(deviceIds, cancellation);
}
