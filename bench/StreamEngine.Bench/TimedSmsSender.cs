using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Bench;

/// <summary>
/// Times each <see cref="ISmsSender.Send"/> of the sender it wraps, as the topology waits for it: HTTP round trip to
/// the stand-in, the sender's own work, and any wait for a thread.
/// </summary>
internal sealed class TimedSmsSender(ISmsSender inner) : ISmsSender
{
    private readonly ConcurrentBag<double> _milliseconds = [];

    public async Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.Send(message, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Count, total, p50, p99 and max of the send times so far.</summary>
    public string Describe()
    {
        var sorted = _milliseconds.Order().ToArray();
        return sorted.Length == 0
            ? "no SMS sent"
            : string.Create(CultureInfo.InvariantCulture,
                $"SMS send as the topology waits for it: {sorted.Length:N0} sends, {sorted.Sum() / 1000:0.00} s in total, p50 {At(sorted, 0.50):0.00} ms, p99 {At(sorted, 0.99):0.00} ms, max {sorted[^1]:0.00} ms");
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
