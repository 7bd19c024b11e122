using System.Collections.Concurrent;
using StackExchange.Redis;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Tests.Support;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Redis;

/// <summary>Each test here has a redis-server of its own, since it stops or pauses it.</summary>
public sealed class RedisAlarmStateRestartSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly RedisServer _server = RedisServer.Start();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Operations_fail_with_state_unavailable_while_redis_is_down_and_work_again_after_it_restarts()
    {
        await using var state = await RedisAlarmState.Connect(Settings());
        var changes = new ConcurrentQueue<long>();
        await using var subscription = await state.Subscribe(changes.Enqueue);
        await state.RecordSeen([new DeviceSeen(1, 1_000)]);

        _server.Stop();
        await Eventually.True(() => Fails(() => state.RecordSeen([new DeviceSeen(1, 2_000)])), "operations to fail while Redis is down", Patience);
        var error = await Assert.ThrowsAsync<StateUnavailableException>(() => state.TryClaim(new CooldownClaim(1, "battery-low", TimeSpan.FromHours(1), "a")));
        Assert.Contains("Back off and retry", error.Message, StringComparison.Ordinal);

        _server.StartAgain();
        await Eventually.True(() => Succeeds(() => state.RecordSeen([new DeviceSeen(1, 3_000)])), "the adapter to reconnect", Patience);

        // The restarted Redis kept nothing (no persistence) and lost the scripts: both come back through the adapter.
        Assert.Equal(3_000, (await state.LastSeen([1]))[1]);
        Assert.Equal([1L], await state.MarkSilent([1], "after-restart"));
        Assert.True(await state.TryClaim(new CooldownClaim(1, "battery-low", TimeSpan.FromHours(1), "b")));
        Assert.True(await state.Release(1, "battery-low", "b"));
        await Eventually.True(
            async () =>
            {
                await state.Publish(77);
                return changes.Contains(77);
            },
            "the subscription to be renewed after the restart",
            Patience);
    }

    [Fact]
    public async Task Connecting_while_redis_is_down_succeeds_and_operations_work_once_it_is_up()
    {
        _server.Stop();
        await using var state = await RedisAlarmState.Connect(Settings());

        await Assert.ThrowsAsync<StateUnavailableException>(() => state.MarkSilent([1], "while-down"));

        _server.StartAgain();
        await Eventually.True(() => Succeeds(() => state.MarkSilent([2], "once-up")), "the adapter to connect", Patience);
    }

    [Fact]
    public async Task A_mark_applied_after_its_caller_gave_up_is_reported_by_the_retry_of_the_same_call()
    {
        await using var state = await RedisAlarmState.Connect(Settings(",asyncTimeout=1000"));
        long[] devices = [.. Enumerable.Range(1, 50).Select(i => (long)i)];
        Assert.Equal([7L], await state.MarkSilent([7], "another-call"));

        await GiveUpWhileWritesArePaused(() => state.MarkSilent(devices, "the-call"));
        await Eventually.True(() => Answers(async () => (await state.WhichSilent(devices)).Count == devices.Length), "Redis to apply the abandoned mark", Patience);

        Assert.Equal(devices.Except([7L]), (await state.MarkSilent(devices, "the-call")).Order());
        Assert.Empty(await state.MarkSilent(devices, "a-later-call"));
    }

    [Fact]
    public async Task A_clear_applied_after_its_caller_gave_up_is_reported_by_the_retry_of_the_same_call()
    {
        await using var state = await RedisAlarmState.Connect(Settings(",asyncTimeout=1000"));
        long[] devices = [.. Enumerable.Range(1, 50).Select(i => (long)i)];
        await state.MarkSilent(devices.Except([7L]).ToList(), "the-mark");

        await GiveUpWhileWritesArePaused(() => state.ClearSilent(devices, "the-clear"));
        await Eventually.True(() => Answers(async () => (await state.WhichSilent(devices)).Count == 0), "Redis to apply the abandoned clear", Patience);

        Assert.Equal(devices.Except([7L]), (await state.ClearSilent(devices, "the-clear")).Order());
        Assert.Empty(await state.ClearSilent(devices, "a-later-clear"));
    }

    [Fact]
    public async Task An_unparsable_configuration_is_refused_with_what_to_fix()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => RedisAlarmState.Connect(new RedisSettings { Configuration = "localhost:6379,nonsense==" }));

        Assert.Contains("Redis:Configuration", error.Message, StringComparison.Ordinal);
    }

    private RedisSettings Settings(string options = "") => new()
    {
        Configuration = $"{_server.Configuration},connectTimeout=1000{options}",
        KeyPrefix = RedisFixture.NewKeyPrefix("restart"),
    };

    /// <summary>
    /// Makes Redis hold every write command (scripts included) until the adapter has given up on
    /// <paramref name="call"/> (its timeout), then lets Redis apply it: as when Redis applied a call and its answer was
    /// lost. Unpaused at once, before the client would recycle its silent connection and so drop the held call.
    /// </summary>
    private async Task GiveUpWhileWritesArePaused(Func<Task> call)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
        var database = admin.GetDatabase();
        await database.ExecuteAsync("CLIENT", "PAUSE", "30000", "WRITE");
        try
        {
            await Assert.ThrowsAsync<StateUnavailableException>(call);
        }
        finally
        {
            await database.ExecuteAsync("CLIENT", "UNPAUSE");
        }
    }

    private static async Task<bool> Fails(Func<Task> operation)
    {
        try
        {
            await operation();
            return false;
        }
        catch (StateUnavailableException)
        {
            return true;
        }
    }

    private static async Task<bool> Succeeds(Func<Task> operation) => !await Fails(operation);

    /// <summary>The answer of <paramref name="condition"/>, or false while Redis cannot answer it.</summary>
    private static async Task<bool> Answers(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (StateUnavailableException)
        {
            return false;
        }
    }
}
