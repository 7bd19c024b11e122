using System.Runtime.InteropServices;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// Hands the native memory a node has freed back to the operating system at a fixed interval (glibc's
/// <c>malloc_trim</c>). librdkafka and SQLite allocate from glibc's per-thread arenas, and glibc returns freed memory
/// to the system only from the top of an arena: what a backlog's fetch buffers or a store's page cache freed in the
/// middle of one otherwise stays in the node's working set. A node with six topologies for 100,000 devices ended
/// its runs at a median of 363 MB (7 runs) with a trim every 5 s, against 411 MB without (3 runs); its peak, which
/// the GC sets, stayed within the noise (bench/RESULTS.md, issue 6). Where the C library has no <c>malloc_trim</c>
/// (musl, macOS, Windows) it does nothing.
/// </summary>
public sealed partial class NativeMemoryTrimmer : IDisposable
{
    private readonly Timer _timer;
    private int _unavailable;

    private NativeMemoryTrimmer(TimeSpan interval) => _timer = new Timer(_ => TrimNow(), null, interval, interval);

    /// <summary>Trims every <paramref name="interval"/>; null (nothing runs) when it is zero or this is not Linux.</summary>
    public static NativeMemoryTrimmer? Start(TimeSpan interval) =>
        interval > TimeSpan.Zero && OperatingSystem.IsLinux() ? new NativeMemoryTrimmer(interval) : null;

    /// <summary>Trims once; true when memory was handed back. After the first call that finds no <c>malloc_trim</c>, false at once.</summary>
    public bool TrimNow()
    {
        if (Volatile.Read(ref _unavailable) != 0)
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref _unavailable, 1);
            return false;
        }
    }

    public void Dispose() => _timer.Dispose();

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
