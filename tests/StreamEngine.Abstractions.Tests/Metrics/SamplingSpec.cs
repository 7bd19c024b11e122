using StreamEngine.Abstractions.Metrics.Aggregators;

namespace StreamEngine.Abstractions.Tests.Metrics;

public sealed class SamplingSpec
{
    [Theory]
    [InlineData(SamplingUnit.Milliseconds, "2024-01-03T15:20:45.678Z", "2024-01-03T15:20:45.000Z")]
    [InlineData(SamplingUnit.Seconds, "2024-01-03T15:20:45.678Z", "2024-01-03T00:00:00Z")]
    [InlineData(SamplingUnit.Minutes, "2024-01-03T15:20:45.678Z", "2024-01-03T00:00:00Z")]
    [InlineData(SamplingUnit.Hours, "2024-01-03T15:20:45.678Z", "2024-01-03T00:00:00Z")]
    [InlineData(SamplingUnit.Days, "2024-01-03T15:20:45.678Z", "2024-01-03T00:00:00Z")]
    [InlineData(SamplingUnit.Weeks, "2024-01-03T15:20:45.678Z", "2024-01-01T00:00:00Z")]
    [InlineData(SamplingUnit.Weeks, "2024-01-07T23:59:59Z", "2024-01-01T00:00:00Z")]
    [InlineData(SamplingUnit.Months, "2024-02-29T15:20:45Z", "2024-02-01T00:00:00Z")]
    [InlineData(SamplingUnit.Years, "2024-07-03T15:20:45Z", "2024-01-01T00:00:00Z")]
    public void Align_sampling_moves_the_origin_back_as_kairosdb_does(SamplingUnit unit, string time, string aligned)
    {
        Assert.Equal(Ms(aligned), Sampling.Of(unit).AlignBoundary(Ms(time)));
    }

    [Fact]
    public void Fixed_ranges_are_laid_from_the_origin_in_whole_samplings()
    {
        var sampling = new Sampling(2, SamplingUnit.Hours);
        var origin = Ms("2024-01-03T00:00:00Z");

        Assert.Equal(Ms("2024-01-03T02:00:00Z"), sampling.RangeStart(Ms("2024-01-03T03:10:00Z"), origin));
        Assert.Equal(Ms("2024-01-03T04:00:00Z"), sampling.RangeEnd(Ms("2024-01-03T03:10:00Z"), origin));
        Assert.Equal(Ms("2024-01-03T04:00:00Z"), sampling.RangeStart(Ms("2024-01-03T04:00:00Z"), origin));
    }

    [Fact]
    public void A_point_before_the_origin_falls_in_the_range_before_it()
    {
        var sampling = Sampling.Of(SamplingUnit.Minutes);
        var origin = Ms("2024-01-03T00:00:30Z");

        Assert.Equal(Ms("2024-01-02T23:59:30Z"), sampling.RangeStart(Ms("2024-01-03T00:00:10Z"), origin));
    }

    [Fact]
    public void Month_ranges_follow_the_calendar()
    {
        var sampling = Sampling.Of(SamplingUnit.Months);
        var origin = Ms("2024-01-01T00:00:00Z");

        Assert.Equal(Ms("2024-02-01T00:00:00Z"), sampling.RangeStart(Ms("2024-02-29T23:59:59Z"), origin));
        Assert.Equal(Ms("2024-03-01T00:00:00Z"), sampling.RangeEnd(Ms("2024-02-29T23:59:59Z"), origin));
        Assert.Equal(Ms("2024-03-01T00:00:00Z"), sampling.RangeStart(Ms("2024-03-01T00:00:00Z"), origin));
        Assert.Equal(Ms("2025-01-01T00:00:00Z"), new Sampling(1, SamplingUnit.Years).RangeEnd(Ms("2024-12-31T12:00:00Z"), origin));
        Assert.Equal(Ms("2024-04-01T00:00:00Z"), new Sampling(3, SamplingUnit.Months).RangeEnd(Ms("2024-02-10T00:00:00Z"), origin));
    }

    [Theory]
    [InlineData(0, SamplingUnit.Minutes)]
    [InlineData(-5, SamplingUnit.Hours)]
    [InlineData(200, SamplingUnit.Years)]
    [InlineData(6_000, SamplingUnit.Weeks)]
    public void A_sampling_that_is_not_positive_or_longer_than_100_years_is_refused(long value, SamplingUnit unit)
    {
        var error = Assert.Throws<ArgumentException>(() => new Sampling(value, unit).Validate());

        Assert.Contains("sampling", error.Message, StringComparison.Ordinal);
    }

    internal static long Ms(string time) => DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
