using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// The real device activity behind a gate: after <see cref="HoldNextRecord"/>, the next write of last-seen times waits
/// until <see cref="Release"/>, so that the readings that come meanwhile reach the store together, in one batch. After
/// <see cref="Sever"/> every call fails as with the store out of reach: what a dead process's calls still under way
/// would do, never to arrive. <see cref="BeforeMark"/> lets a test act between a silence check's find and its mark.
/// </summary>
public sealed class HeldActivity(IDeviceActivity inner) : IDeviceActivity
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _holding;
    private int _severed;

    /// <summary>Runs before every mark of the silent set, with the devices about to be marked: what another worker does meanwhile.</summary>
    public Func<IReadOnlyCollection<long>, Task>? BeforeMark { get; init; }

    /// <summary>Writes waiting at the gate now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    public void HoldNextRecord()
    {
        Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _armed, 1);
    }

    public void Release() => Volatile.Read(ref _gate).TrySetResult();

    public void Sever() => Volatile.Write(ref _severed, 1);

    public async Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default)
    {
        await PassGate(cancellation);
        return await Live(() => inner.RecordSeen(seen, cancellation));
    }

    public async Task<SeenOutcome> RecordSeenEndingSilences(
        IReadOnlyCollection<DeviceSeen> seen, TimeSpan silence, long silentBeforeMs, CancellationToken cancellation = default)
    {
        await PassGate(cancellation);
        return await Live(() => inner.RecordSeenEndingSilences(seen, silence, silentBeforeMs, cancellation));
    }

    public Task ConfirmEnded(IReadOnlyCollection<SilenceEnded> ended, CancellationToken cancellation = default) =>
        Live(() => inner.ConfirmEnded(ended, cancellation));

    public Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) =>
        Live(() => inner.LastSeen(deviceIds, cancellation));

    public Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default) =>
        Live(() => inner.FindNewlySilent(seenBeforeMs, limit, cancellation));

    public async Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        if (BeforeMark is { } meanwhile)
        {
            await meanwhile(deviceIds);
        }

        return await Live(() => inner.MarkSilent(deviceIds, callId, cancellation));
    }

    public Task<IReadOnlyList<long>> RenewSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        Live(() => inner.RenewSilent(deviceIds, callId, cancellation));

    public Task<IReadOnlyList<long>> ConfirmSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        Live(() => inner.ConfirmSilent(deviceIds, callId, cancellation));

    public Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        Live(() => inner.ClearSilent(deviceIds, callId, cancellation));

    public Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) =>
        Live(() => inner.WhichSilent(deviceIds, cancellation));

    public Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default) => Live(() => inner.Forget(deviceIds, cancellation));

    private async Task PassGate(CancellationToken cancellation)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Interlocked.Increment(ref _holding);
            await Volatile.Read(ref _gate).Task.WaitAsync(cancellation);
            Interlocked.Decrement(ref _holding);
        }
    }

    private T Live<T>(Func<T> call) =>
        Volatile.Read(ref _severed) == 0 ? call() : throw new StateUnavailableException("The process using this state died (the test severed it).");
}
