namespace StreamEngine.Topologies.Tests.Support;

/// <summary>For a store stand-in: holds the first write until released, lets every later one through at once, and counts them.</summary>
public sealed class FirstWriteGate
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    /// <summary>How many writes have begun.</summary>
    public int Started => Volatile.Read(ref _started);

    public void ReleaseFirst() => _first.SetResult();

    /// <summary>Called at the start of each write: returns once the write may go on.</summary>
    public Task Enter() => Interlocked.Increment(ref _started) == 1 ? _first.Task : Task.CompletedTask;
}
