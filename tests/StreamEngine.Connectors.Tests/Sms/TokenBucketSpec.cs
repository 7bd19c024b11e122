using Microsoft.Extensions.Time.Testing;
using StreamEngine.Connectors.Sms;

namespace StreamEngine.Connectors.Tests.Sms;

public sealed class TokenBucketSpec
{
    [Fact]
    public void A_burst_goes_at_once_and_the_rest_waits_one_interval_each()
    {
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 3, new FakeTimeProvider());

        var waits = Enumerable.Range(0, 6).Select(_ => bucket.Reserve()).ToList();

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)],
            waits);
    }

    [Fact]
    public void Tokens_refill_with_time_but_never_beyond_the_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 1, burst: 2, clock);
        bucket.Reserve();
        bucket.Reserve();

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1)], [bucket.Reserve(), bucket.Reserve(), bucket.Reserve()]);
    }

    [Fact]
    public void Over_any_span_no_more_than_burst_plus_rate_times_span_messages_go()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 5, burst: 5, clock);
        var sentAt = new List<TimeSpan>();
        var elapsed = TimeSpan.Zero;

        // 200 senders arrive every 10 ms; each goes when its reservation says.
        for (var i = 0; i < 200; i++)
        {
            sentAt.Add(elapsed + bucket.Reserve());
            clock.Advance(TimeSpan.FromMilliseconds(10));
            elapsed += TimeSpan.FromMilliseconds(10);
        }

        foreach (var start in sentAt)
        {
            var inOneSecond = sentAt.Count(t => t >= start && t < start + TimeSpan.FromSeconds(1));
            Assert.True(inOneSecond <= 10, $"{inOneSecond} messages in the second from {start}");
        }
    }

    [Fact]
    public void A_rate_that_is_not_positive_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1, TimeProvider.System));

        Assert.Contains("Sms:RatePerSecond", error.Message, StringComparison.Ordinal);
    }
}
