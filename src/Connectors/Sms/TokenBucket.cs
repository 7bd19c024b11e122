namespace StreamEngine.Connectors.Sms;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <c>burst</c> tokens at most, refilled at <c>ratePerSecond</c>.
/// Callers reserve a token and wait the time the reservation says, so concurrent callers queue in arrival order.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private double _tokens;
    private long _updatedAt;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider clock)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "Sms:RatePerSecond must be a positive number of messages per second.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _clock = clock;
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _updatedAt = clock.GetTimestamp();
    }

    /// <summary>Takes a token and returns how long to wait before using it (zero when one was there).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_clock.GetElapsedTime(_updatedAt, now).TotalSeconds * _ratePerSecond));
            _updatedAt = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }
    }

    /// <summary>Waits until a token is this caller's.</summary>
    public Task Acquire(CancellationToken cancellation)
    {
        var wait = Reserve();
        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _clock, cancellation);
    }
}
