using System.Collections.Concurrent;
using StreamEngine.Abstractions.State;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.State;

/// <summary>
/// What every <see cref="IAlarmState"/> must do; each implementation runs these tests through a subclass that opens a
/// fresh, empty state per test.
/// </summary>
public abstract partial class AlarmStateContract : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected IAlarmState State { get; private set; } = null!;

    public async Task InitializeAsync() => State = await Open();

    public async Task DisposeAsync() => await State.DisposeAsync();

    /// <summary>A new, empty state.</summary>
    protected abstract Task<IAlarmState> Open();

    /// <summary>Moves the clock the state was opened with.</summary>
    protected abstract void MoveClock(TimeSpan by);

    /// <summary>Moves the state's clock on a little.</summary>
    protected void Tick() => MoveClock(TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task Last_seen_keeps_the_newest_reading_time()
    {
        var first = await State.RecordSeen([new DeviceSeen(1, 1_000)]);
        var late = await State.RecordSeen([new DeviceSeen(1, 500)]);
        var newer = await State.RecordSeen([new DeviceSeen(1, 2_000)]);

        Assert.Equal(new LastSeenChange(1, null, 1_000), Assert.Single(first));
        Assert.Equal(new LastSeenChange(1, 1_000, 1_000), Assert.Single(late));
        Assert.Equal(new LastSeenChange(1, 1_000, 2_000), Assert.Single(newer));
        Assert.Equal(2_000, (await State.LastSeen([1]))[1]);
    }

    [Fact]
    public async Task One_batch_records_many_devices_and_the_newest_time_of_each()
    {
        const long start = 1_732_291_200_000;
        var seen = Enumerable.Range(0, 5_000)
            .SelectMany(i => new[] { new DeviceSeen(i, start + i), new DeviceSeen(i, start + i - 10) })
            .ToList();

        var first = await State.RecordSeen(seen);
        var second = await State.RecordSeen([.. Enumerable.Range(0, 5_000).Select(i => new DeviceSeen(i, start + i + 1))]);

        Assert.Equal(5_000, first.Count);
        Assert.All(first, c => Assert.Equal((null, start + c.DeviceId), (c.PreviousMs, c.CurrentMs)));
        Assert.All(second, c => Assert.Equal((start + c.DeviceId, start + c.DeviceId + 1), (c.PreviousMs, c.CurrentMs)));
        var stored = await State.LastSeen([.. Enumerable.Range(0, 5_000).Select(i => (long)i), 999_999]);
        Assert.Equal(5_000, stored.Count);
        Assert.Equal(start + 4_999 + 1, stored[4_999]);
    }

    [Fact]
    public async Task Newly_silent_are_devices_seen_before_the_bound_and_not_yet_reported_oldest_first()
    {
        await State.RecordSeen([new(1, 100), new(2, 300), new(3, 200), new(4, 1_000), new(5, 999)]);
        await State.MarkSilent([3], "loader-tick");

        var silent = await State.FindNewlySilent(seenBeforeMs: 999, limit: 10);
        var limited = await State.FindNewlySilent(seenBeforeMs: 1_001, limit: 2);

        Assert.Equal([new DeviceSeen(1, 100), new DeviceSeen(2, 300)], silent);
        Assert.Equal([new DeviceSeen(1, 100), new DeviceSeen(2, 300)], limited);
    }

    [Fact]
    public async Task Newly_silent_walks_past_many_already_reported_devices()
    {
        await State.RecordSeen([.. Enumerable.Range(0, 3_000).Select(i => new DeviceSeen(i, i))]);
        await State.MarkSilent([.. Enumerable.Range(0, 2_990).Select(i => (long)i)], "loader-tick");

        var silent = await State.FindNewlySilent(seenBeforeMs: 10_000, limit: 5);

        Assert.Equal([2_990L, 2_991, 2_992, 2_993, 2_994], silent.Select(d => d.DeviceId));
    }

    [Fact]
    public async Task Marking_and_clearing_silence_tells_which_devices_changed()
    {
        var marked = await State.MarkSilent([1, 2], "mark-1");
        var markedAgain = await State.MarkSilent([2, 3], "mark-2");
        var silentNow = await State.WhichSilent([1, 2, 3, 4]);
        var cleared = await State.ClearSilent([1, 4], "clear-1");
        var clearedAgain = await State.ClearSilent([1], "clear-2");

        Assert.Equal([1L, 2], marked.Order());
        Assert.Equal([3L], markedAgain);
        Assert.Equal([1L, 2, 3], silentNow.Order());
        Assert.Equal([1L], cleared);
        Assert.Empty(clearedAgain);
        Assert.Equal([2L, 3], (await State.WhichSilent([1, 2, 3])).Order());
    }

    [Fact]
    public async Task A_mark_repeated_with_its_call_id_answers_the_same_devices_and_another_call_gets_none()
    {
        await State.MarkSilent([2], "earlier-mark");

        var marked = await State.MarkSilent([1, 2, 3], "mark");
        var retried = await State.MarkSilent([1, 2, 3], "mark");
        var other = await State.MarkSilent([1, 2, 3], "other-mark");

        Assert.Equal([1L, 3], marked.Order());
        Assert.Equal([1L, 3], retried.Order());
        Assert.Empty(other);
        Assert.Equal([1L, 2, 3], (await State.WhichSilent([1, 2, 3])).Order());
    }

    [Fact]
    public async Task A_clear_repeated_with_its_call_id_answers_the_same_devices_and_another_call_gets_none()
    {
        await State.MarkSilent([1, 2], "mark");

        var cleared = await State.ClearSilent([1, 2, 3], "clear");
        var retried = await State.ClearSilent([1, 2, 3], "clear");
        var other = await State.ClearSilent([1, 2, 3], "other-clear");

        Assert.Equal([1L, 2], cleared.Order());
        Assert.Equal([1L, 2], retried.Order());
        Assert.Empty(other);
        Assert.Empty(await State.WhichSilent([1, 2, 3]));
    }

    [Fact]
    public async Task A_clear_retried_after_another_call_marked_the_device_again_answers_cleared_and_keeps_the_new_mark()
    {
        await State.MarkSilent([1], "first-mark");
        Assert.Equal([1L], await State.ClearSilent([1], "clear"));
        Assert.Equal([1L], await State.MarkSilent([1], "second-mark"));

        Assert.Equal([1L], await State.ClearSilent([1], "clear"));
        Assert.Equal([1L], await State.WhichSilent([1]));
        Assert.Equal([1L], await State.ClearSilent([1], "other-clear"));
    }

    [Fact]
    public async Task A_silent_mark_left_unconfirmed_longer_than_the_lease_is_found_and_marked_again_and_a_confirmed_one_is_not()
    {
        await State.RecordSeen([new(1, 100), new(2, 200)]);
        Assert.Equal([1L, 2], (await State.MarkSilent([1, 2], "loader-that-dies")).Order());
        Assert.Equal([2L], await State.ConfirmSilent([2], "loader-that-dies"));

        // Within the lease the caller may still be reporting device 1's silence: its mark stands.
        MoveClock(IDeviceActivity.UnconfirmedMarkLease - TimeSpan.FromSeconds(1));
        Assert.Empty(await State.FindNewlySilent(1_000, 10));
        Assert.Empty(await State.MarkSilent([1, 2], "early-loader"));

        MoveClock(TimeSpan.FromSeconds(2));
        Assert.Equal([new DeviceSeen(1, 100)], await State.FindNewlySilent(1_000, 10));
        Assert.Equal([1L], await State.MarkSilent([1, 2], "next-loader"));
        Assert.Empty(await State.MarkSilent([1], "loader-that-dies"));
        Assert.Empty(await State.FindNewlySilent(1_000, 10));
        Assert.Equal([1L, 2], (await State.WhichSilent([1, 2])).Order());
    }

    [Fact]
    public async Task Only_the_call_that_holds_a_silent_mark_confirms_it_and_its_retry_answers_the_same()
    {
        await State.MarkSilent([1, 2, 3], "mark");
        await State.ClearSilent([2], "clear");
        await State.MarkSilent([2], "other-mark");

        Assert.Empty(await State.ConfirmSilent([1], "other-mark-of-nothing"));
        Assert.Equal([1L], (await State.ConfirmSilent([1, 2, 4], "mark")).Order());
        Assert.Equal([1L], (await State.ConfirmSilent([1, 2, 4], "mark")).Order());

        // Confirmed marks stay however long; device 3's, never confirmed, lapses.
        MoveClock(IDeviceActivity.UnconfirmedMarkLease + TimeSpan.FromMinutes(1));
        Assert.Equal([3L], await State.MarkSilent([1, 3], "later-mark"));
        Assert.Equal([1L], await State.MarkSilent([1], "mark"));
        Assert.Equal([1L, 2, 3], (await State.WhichSilent([1, 2, 3])).Order());
    }

    [Fact]
    public async Task A_silent_mark_renewed_by_its_call_outlives_the_lease_and_a_renewal_marks_nothing_new()
    {
        await State.RecordSeen([new(1, 100), new(2, 100), new(3, 100)]);
        await State.MarkSilent([1, 2, 3], "slow-report");
        await State.ClearSilent([2], "a-reading");

        MoveClock(IDeviceActivity.UnconfirmedMarkLease - TimeSpan.FromMinutes(1));
        Assert.Empty(await State.RenewSilent([1, 3], "other-call"));
        Assert.Equal([1L, 3], (await State.RenewSilent([1, 2, 3], "slow-report")).Order());
        MoveClock(IDeviceActivity.UnconfirmedMarkLease - TimeSpan.FromMinutes(1));

        Assert.Equal([new DeviceSeen(2, 100)], await State.FindNewlySilent(1_000, 10));
        Assert.Empty(await State.MarkSilent([1, 3], "next-loader"));
        Assert.Equal([1L, 3], (await State.WhichSilent([1, 2, 3])).Order());
        Assert.Equal([1L], await State.ConfirmSilent([1], "slow-report"));
        MoveClock(IDeviceActivity.UnconfirmedMarkLease + TimeSpan.FromMinutes(1));
        Assert.Equal([1L], await State.RenewSilent([1], "slow-report"));
        Assert.Equal([3L], await State.MarkSilent([1, 3], "next-loader"));
    }

    [Fact]
    public async Task Forgotten_devices_have_no_last_seen_time_and_no_silence()
    {
        await State.RecordSeen([new(1, 100), new(2, 100)]);
        await State.MarkSilent([1], "loader-tick");

        await State.Forget([1]);

        Assert.Equal([2L], (await State.LastSeen([1, 2])).Keys);
        Assert.Empty(await State.WhichSilent([1]));
        Assert.Equal([2L], (await State.FindNewlySilent(1_000, 10)).Select(d => d.DeviceId));
    }

    [Fact]
    public async Task A_cooldown_claim_is_refused_until_it_expires()
    {
        var cooldown = TimeSpan.FromMilliseconds(300);

        Assert.True(await State.TryClaim(new CooldownClaim(7, "temperature-high", cooldown, "a")));
        Assert.False(await State.TryClaim(new CooldownClaim(7, "temperature-high", cooldown, "b")));
        Assert.True(await State.TryClaim(new CooldownClaim(7, "battery-low", cooldown, "c")));
        Assert.True(await State.TryClaim(new CooldownClaim(8, "temperature-high", cooldown, "d")));

        await Eventually.True(
            async () =>
            {
                Tick();
                return await State.TryClaim(new CooldownClaim(7, "temperature-high", cooldown, "e"));
            },
            "the cooldown to expire",
            Patience);
    }

    [Fact]
    public async Task Of_many_concurrent_claimers_exactly_one_wins()
    {
        var claims = Enumerable.Range(0, 32)
            .Select(i => Task.Run(() => State.TryClaim(new CooldownClaim(9, "no-communication", TimeSpan.FromHours(1), $"worker-{i}"))));

        var won = await Task.WhenAll(claims);

        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task A_batch_of_claims_answers_each_claim_in_order()
    {
        var hour = TimeSpan.FromHours(1);
        await State.TryClaim(new CooldownClaim(2, "battery-low", hour, "earlier"));

        var won = await State.TryClaimAll([
            new CooldownClaim(1, "battery-low", hour, "x"),
            new CooldownClaim(2, "battery-low", hour, "x"),
            new CooldownClaim(3, "battery-low", hour, "x"),
            new CooldownClaim(1, "battery-low", hour, "y"),
        ]);

        Assert.Equal([true, false, true, false], won);
    }

    [Fact]
    public async Task A_claim_never_confirmed_is_granted_again_to_its_own_claim_id_only_and_a_confirmed_one_to_nobody()
    {
        var hour = TimeSpan.FromHours(1);
        Assert.True(await State.TryClaim(new CooldownClaim(6, "temperature-high", hour, "reading-1")));

        // The holder died before delivering: the replay of the same alert may deliver it, another alert may not.
        Assert.True(await State.TryClaim(new CooldownClaim(6, "temperature-high", hour, "reading-1")));
        Assert.False(await State.TryClaim(new CooldownClaim(6, "temperature-high", hour, "reading-2")));

        Assert.True(await State.Confirm(6, "temperature-high", "reading-1"));
        Assert.False(await State.TryClaim(new CooldownClaim(6, "temperature-high", hour, "reading-1")));
        Assert.False(await State.Confirm(6, "temperature-high", "reading-2"));
    }

    [Fact]
    public async Task The_same_claim_twice_in_one_batch_is_granted_once()
    {
        var claim = new CooldownClaim(4, "battery-low", TimeSpan.FromHours(1), "reading-1");

        Assert.Equal([true, false], await State.TryClaimAll([claim, claim]));
    }

    [Fact]
    public async Task Only_the_holder_releases_a_claim_and_then_it_can_be_claimed_again()
    {
        var hour = TimeSpan.FromHours(1);
        await State.TryClaim(new CooldownClaim(5, "temperature-low", hour, "alert-1"));

        Assert.False(await State.Release(5, "temperature-low", "alert-2"));
        Assert.False(await State.TryClaim(new CooldownClaim(5, "temperature-low", hour, "alert-2")));
        Assert.True(await State.Release(5, "temperature-low", "alert-1"));
        Assert.False(await State.Release(5, "temperature-low", "alert-1"));
        Assert.True(await State.TryClaim(new CooldownClaim(5, "temperature-low", hour, "alert-2")));
    }

    [Fact]
    public async Task A_rules_window_is_stored_per_rule_and_device_until_it_is_cleared()
    {
        const long since = 1_732_291_200_000;

        Assert.Null(await State.BeyondSince("freezer-warm", 1));
        await State.SetBeyondSince("freezer-warm", 1, since);
        await State.SetBeyondSince("freezer-warm", 2, since + 60_000);
        await State.SetBeyondSince("fridge-cold", 1, since + 120_000);

        Assert.Equal(since, await State.BeyondSince("freezer-warm", 1));
        Assert.Equal(since + 60_000, await State.BeyondSince("freezer-warm", 2));
        Assert.Equal(since + 120_000, await State.BeyondSince("fridge-cold", 1));

        await State.SetBeyondSince("freezer-warm", 1, null);
        await State.SetBeyondSince("freezer-warm", 3, null);

        Assert.Null(await State.BeyondSince("freezer-warm", 1));
        Assert.Null(await State.BeyondSince("freezer-warm", 3));
        Assert.Equal(since + 120_000, await State.BeyondSince("fridge-cold", 1));
    }

    [Fact]
    public async Task A_rules_activity_is_its_own_apart_from_the_alerts_topologys_and_other_rules()
    {
        var freezers = State.Activity("freezers-silent");
        await freezers.RecordSeen([new DeviceSeen(1, 1_000), new DeviceSeen(2, 5_000)]);
        await State.RecordSeen([new DeviceSeen(1, 9_000)]);
        await State.Activity("fridges-silent").RecordSeen([new DeviceSeen(2, 500)]);

        Assert.Equal([new DeviceSeen(1, 1_000)], await freezers.FindNewlySilent(2_000, 10));
        Assert.Equal([1L], await freezers.MarkSilent([1], "silence-check"));
        Assert.Empty(await State.WhichSilent([1]));
        Assert.Same(freezers, State.Activity("freezers-silent"));
        Assert.Equal(9_000, (await State.LastSeen([1]))[1]);
        Assert.Equal(500, (await State.Activity("fridges-silent").LastSeen([2]))[2]);
        Assert.Empty(await freezers.FindNewlySilent(2_000, 10));
    }

    [Fact]
    public async Task Registry_changes_reach_every_subscriber_until_it_unsubscribes()
    {
        var first = new ConcurrentQueue<long>();
        var second = new ConcurrentQueue<long>();
        var firstSubscription = await State.Subscribe(first.Enqueue);
        await using var secondSubscription = await State.Subscribe(second.Enqueue);

        await State.Publish(42);
        await Eventually.True(() => first.Contains(42) && second.Contains(42), "both subscribers to get device 42", Patience);
        await firstSubscription.DisposeAsync();
        await State.Publish(43);
        await Eventually.True(() => second.Contains(43), "the remaining subscriber to get device 43", Patience);

        Assert.Equal([42L], first);
        Assert.Equal([42L, 43], second);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var received = new ConcurrentQueue<long>();
        await using var failing = await State.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        await using var working = await State.Subscribe(received.Enqueue);

        await State.Publish(1);
        await State.Publish(2);

        await Eventually.True(() => received.Count == 2, "both changes despite the failing subscriber", Patience);
    }
}
