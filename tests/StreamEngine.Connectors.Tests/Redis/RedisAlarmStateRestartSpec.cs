using System.Collections.Concurrent;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Tests.Support;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Redis;

/// <summary>Each test here has a redis-server of its own, since it stops it.</summary>
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
        Assert.Equal([1L], await state.MarkSilent([1]));
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

        await Assert.ThrowsAsync<StateUnavailableException>(() => state.MarkSilent([1]));

        _server.StartAgain();
        await Eventually.True(() => Succeeds(() => state.MarkSilent([2])), "the adapter to connect", Patience);
    }

    [Fact]
    public async Task An_unparsable_configuration_is_refused_with_what_to_fix()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => RedisAlarmState.Connect(new RedisSettings { Configuration = "localhost:6379,nonsense==" }));

        Assert.Contains("Redis:Configuration", error.Message, StringComparison.Ordinal);
    }

    private RedisSettings Settings() => new()
    {
        Configuration = $"{_server.Configuration},connectTimeout=1000",
        KeyPrefix = RedisFixture.NewKeyPrefix("restart"),
    };

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
}
