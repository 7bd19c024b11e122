using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Tests.State;

/// <summary>Recording reading times together with the silences they end, and holding those until confirmed.</summary>
public abstract partial class AlarmStateContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_reading_more_than_the_silence_after_the_one_before_ends_it_and_is_handed_out_again_until_confirmed()
    {
        var firstSight = await State.RecordSeenEndingSilences([new(1, 1_000)], Minute, 0);
        var gap = await State.RecordSeenEndingSilences([new(1, 210_000), new(1, 50_000), new(1, 200_000), new(1, 200_000)], Minute, 150_000);
        var retried = await State.RecordSeenEndingSilences([new(1, 50_000), new(1, 200_000), new(1, 210_000)], Minute, 150_000);
        var later = await State.RecordSeenEndingSilences([new(1, 210_000)], Minute, 150_000);
        await State.ConfirmEnded([new SilenceEnded(1, 200_000, 50_000)]);
        var replayed = await State.RecordSeenEndingSilences([new(1, 200_000)], Minute, 150_000);
        await State.ConfirmEnded([new SilenceEnded(1, 200_000, 50_000)]);

        Assert.Equal([new LastSeenChange(1, null, 1_000)], firstSight.Changes);
        Assert.Empty(firstSight.Ended);
        Assert.Equal([new LastSeenChange(1, 1_000, 210_000)], gap.Changes);
        Assert.Equal([new SilenceEnded(1, 200_000, 50_000)], gap.Ended);
        Assert.Equal([new SilenceEnded(1, 200_000, 50_000)], retried.Ended);
        Assert.Equal([new LastSeenChange(1, 210_000, 210_000)], retried.Changes);
        Assert.Empty(later.Ended);
        Assert.Empty(replayed.Ended);
    }

    [Fact]
    public async Task A_reading_of_a_device_reported_silent_lifts_the_mark_once_measured_within_the_silence_of_now_and_a_backlog_before_does_not()
    {
        await State.RecordSeenEndingSilences([new(1, 0)], Minute, 0);
        await State.MarkSilent([1], "loader-tick");

        var backlog = await State.RecordSeenEndingSilences([new(1, 30_000)], Minute, 100_000);
        var silentAfterBacklog = await State.WhichSilent([1]);
        var back = await State.RecordSeenEndingSilences([new(1, 85_000), new(1, 105_000), new(1, 110_000)], Minute, 100_000);
        var retried = await State.RecordSeenEndingSilences([new(1, 85_000), new(1, 105_000), new(1, 110_000)], Minute, 100_000);

        Assert.Empty(backlog.Ended);
        Assert.Equal([1L], silentAfterBacklog);
        Assert.Equal([new SilenceEnded(1, 105_000, 85_000)], back.Ended);
        Assert.Equal([new SilenceEnded(1, 105_000, 85_000)], retried.Ended);
        Assert.Empty(await State.WhichSilent([1]));
        Assert.Empty(await State.ClearSilent([1], "next-reading"));
    }

    [Fact]
    public async Task One_batch_ends_the_silences_of_many_devices_and_a_forgotten_device_holds_none()
    {
        const long start = 1_732_291_200_000;
        var devices = Enumerable.Range(1, 5_000).Select(i => (long)i).ToList();
        await State.RecordSeenEndingSilences([.. devices.Select(d => new DeviceSeen(d, start))], Minute, 0);
        var quiet = start + (2 * 60_000);

        var outcome = await State.RecordSeenEndingSilences([.. devices.Select(d => new DeviceSeen(d, quiet + d))], Minute, 0);
        await State.Forget([1]);
        var afterForget = await State.RecordSeenEndingSilences([new(1, quiet + 1), new(2, quiet + 2)], Minute, 0);

        Assert.Equal(devices, outcome.Ended.Select(e => e.DeviceId).Order());
        Assert.All(outcome.Ended, e => Assert.Equal((quiet + e.DeviceId, start), (e.TimeMs, e.PreviousMs)));
        Assert.All(outcome.Changes, c => Assert.Equal((start, quiet + c.DeviceId), (c.PreviousMs, c.CurrentMs)));
        Assert.Equal([new SilenceEnded(2, quiet + 2, start)], afterForget.Ended);
        Assert.Contains(new LastSeenChange(1, null, quiet + 1), afterForget.Changes);
    }
}
