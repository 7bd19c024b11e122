using FsCheck.Xunit;
using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Abstractions.Tests.Deployment;

public sealed class DurationTextSpec
{
    [Theory]
    [InlineData("1h", 3_600_000)]
    [InlineData("15s", 15_000)]
    [InlineData("500ms", 500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    [InlineData("0s", 0)]
    [InlineData("01:00:00", 3_600_000)]
    [InlineData("00:00:00.5", 500)]
    [InlineData("1.00:00:00", 86_400_000)]
    public void Units_and_the_clock_form_are_durations(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2x")]
    [InlineData("10")]
    [InlineData("1.5h")]
    [InlineData("-1s")]
    [InlineData("-01:00:00")]
    [InlineData("30m1h")]
    [InlineData("1h 30m")]
    [InlineData("1H")]
    [InlineData("99999999999d")]
    public void Anything_else_is_not_a_duration(string text) =>
        Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void A_duration_is_written_in_its_shortest_unit_form() =>
        Assert.Equal("1h30m500ms", DurationText.Format(TimeSpan.FromMilliseconds(5_400_500)));

    [Property]
    public bool Every_whole_millisecond_duration_reads_back_as_written(uint milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);
        return DurationText.TryParse(DurationText.Format(duration), out var read) && read == duration;
    }
}
