namespace StreamEngine.Topologies.Alarms;

/// <summary>Retries a call that failed for a reason that may pass, waiting twice as long each time up to a cap.</summary>
internal static class Backoff
{
    public static async Task<T> UntilDone<T>(
        Func<Task<T>> attempt, Func<Exception, bool> retriable, TimeSpan first, TimeSpan max, CancellationToken cancellation = default)
    {
        var delay = first;
        while (true)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Exception e) when (retriable(e))
            {
                await Task.Delay(delay, cancellation).ConfigureAwait(false);
                delay = Next(delay, max);
            }
        }
    }

    public static TimeSpan Next(TimeSpan delay, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, Math.Max(1, delay.Ticks) * 2));
}
