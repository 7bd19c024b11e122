namespace StreamEngine.Bench;

/// <summary>Samples the process working set and the managed heap every second, on a timer, and keeps the peaks.</summary>
internal sealed class WorkingSetPeak : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakHeap;

    public WorkingSetPeak() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakWorkingSet);

    public long PeakHeapBytes => Interlocked.Read(ref _peakHeap);

    public void Sample()
    {
        Raise(ref _peakWorkingSet, Environment.WorkingSet);
        Raise(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    public void Dispose() => _timer.Dispose();

    private static void Raise(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref peak, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
