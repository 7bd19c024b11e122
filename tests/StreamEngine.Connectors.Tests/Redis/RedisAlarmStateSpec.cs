using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.State;
using StreamEngine.Connectors.Tests.State;
using StreamEngine.Connectors.Tests.Support;

namespace StreamEngine.Connectors.Tests.Redis;

[Collection(RedisTests.Name)]
public sealed class RedisAlarmStateSpec(RedisFixture redis) : AlarmStateContract
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override async Task<IAlarmState> Open() => await AlarmStates.Open(
        new RedisSettings
        {
            Configuration = redis.Server.Configuration,
            KeyPrefix = RedisFixture.NewKeyPrefix("state"),
            BatchSize = 700,
        },
        _clock);

    protected override void MoveClock(TimeSpan by) => _clock.Advance(by);

    [Fact]
    public async Task Cooldowns_run_on_the_given_clock_so_a_moved_clock_ends_them()
    {
        var hour = TimeSpan.FromHours(1);
        Assert.True(await State.TryClaim(new CooldownClaim(3, "temperature-high", hour, "16:00")));

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await State.TryClaim(new CooldownClaim(3, "temperature-high", hour, "16:59")));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await State.TryClaim(new CooldownClaim(3, "temperature-high", hour, "17:00")));
        Assert.False(await State.Release(3, "temperature-high", "16:00"));
        Assert.True(await State.Release(3, "temperature-high", "17:00"));
    }

    [Fact]
    public void Settings_come_from_the_redis_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:Configuration"] = "cache:6380", ["Redis:KeyPrefix"] = "qold:" })
            .Build();

        var settings = RedisSettings.FromConfiguration(configuration);

        Assert.Equal(new RedisSettings { Configuration = "cache:6380", KeyPrefix = "qold:" }, settings);
        Assert.False(settings.UsesInProcessState);
    }

    [Fact]
    public void Configured_redis_opens_the_redis_state()
    {
        var state = Assert.IsType<RedisAlarmState>(State);
        Assert.True(state.IsConnected);
    }
}
