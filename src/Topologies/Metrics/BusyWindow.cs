using System.Diagnostics;

namespace StreamEngine.Topologies.Metrics;

/// <summary>
/// Busy time over the last <see cref="Seconds"/> seconds, in one-second slots reused round-robin. Lock-free and
/// allocation-free; a slot being reset for a new second while another thread adds to it may lose that addition,
/// which a capacity figure can afford.
/// </summary>
internal sealed class BusyWindow
{
    public const int Seconds = 10;

    private readonly long[] _second = new long[Seconds];
    private readonly long[] _busyTicks = new long[Seconds];

    /// <summary>Adds busy time, attributed to the second <paramref name="now"/> falls in.</summary>
    public void Add(long now, long busyTicks)
    {
        var second = now / Stopwatch.Frequency;
        var slot = (int)(second % Seconds);
        var stamped = Volatile.Read(ref _second[slot]);
        if (stamped != second && Interlocked.CompareExchange(ref _second[slot], second, stamped) == stamped)
        {
            Interlocked.Exchange(ref _busyTicks[slot], 0);
        }

        Interlocked.Add(ref _busyTicks[slot], busyTicks);
    }

    /// <summary>Busy time of the last <see cref="Seconds"/> seconds up to <paramref name="now"/>, over those seconds.</summary>
    public double Fraction(long now)
    {
        var second = now / Stopwatch.Frequency;
        long busy = 0;
        for (var slot = 0; slot < Seconds; slot++)
        {
            if (second - Volatile.Read(ref _second[slot]) < Seconds)
            {
                busy += Interlocked.Read(ref _busyTicks[slot]);
            }
        }

        return busy / (double)(Seconds * Stopwatch.Frequency);
    }
}
