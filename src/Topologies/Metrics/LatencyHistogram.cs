using System.Diagnostics;
using System.Numerics;

namespace StreamEngine.Topologies.Metrics;

/// <summary>
/// A lock-free log-bucket histogram of durations: eight buckets per power of two of microseconds (from 1 µs to about
/// 12 days), so a percentile is off by at most 12.5 %. Recording is one <see cref="Interlocked.Add(ref long, long)"/>
/// and allocates nothing; it is safe from any number of threads. Counts since creation.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 3;
    private const int SubBuckets = 1 << SubBits;
    private const int MaxExponent = 40;
    private const int BucketCount = SubBuckets + ((MaxExponent - SubBits + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Durations recorded so far.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < BucketCount; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Records one duration given in <see cref="Stopwatch"/> ticks; negative durations count as zero.</summary>
    public void Record(long stopwatchTicks) => Record(stopwatchTicks, 1);

    /// <summary>Records the same duration <paramref name="times"/> times, in one step.</summary>
    public void Record(long stopwatchTicks, long times)
    {
        var micros = stopwatchTicks <= 0 ? 0 : (long)(stopwatchTicks * (1_000_000.0 / Stopwatch.Frequency));
        Interlocked.Add(ref _counts[Index(micros)], times);
    }

    /// <summary>
    /// The duration at quantile <paramref name="q"/> (0..1) in milliseconds: the upper bound of the bucket holding it,
    /// so never below the true value. 0 when nothing was recorded.
    /// </summary>
    public double PercentileMs(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        // One read of every bucket, so that records coming in meanwhile cannot move the rank past the counts read.
        Span<long> counts = stackalloc long[BucketCount];
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
            total += counts[i];
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        var bucket = 0;
        var seen = counts[0];
        while (seen < rank)
        {
            seen += counts[++bucket];
        }

        return UpperBoundMicros(bucket) / 1_000.0;
    }

    private static int Index(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        var exponent = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)micros), MaxExponent);
        var sub = (int)((micros >> (exponent - SubBits)) & (SubBuckets - 1));
        return SubBuckets + ((exponent - SubBits) * SubBuckets) + sub;
    }

    private static long UpperBoundMicros(int index)
    {
        if (index < SubBuckets)
        {
            return index + 1;
        }

        var exponent = ((index - SubBuckets) / SubBuckets) + SubBits;
        var sub = (index - SubBuckets) % SubBuckets;
        var width = 1L << (exponent - SubBits);
        return ((SubBuckets + sub) * width) + width;
    }
}
