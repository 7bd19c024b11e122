using Microsoft.Extensions.Configuration;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.State;
using StreamEngine.Connectors.Tests.State;
using StreamEngine.Connectors.Tests.Support;

namespace StreamEngine.Connectors.Tests.Redis;

[Collection(RedisTests.Name)]
public sealed class RedisAlarmStateSpec(RedisFixture redis) : AlarmStateContract
{
    protected override async Task<IAlarmState> Open() => await AlarmStates.Open(new RedisSettings
    {
        Configuration = redis.Server.Configuration,
        KeyPrefix = RedisFixture.NewKeyPrefix("state"),
        BatchSize = 700,
    });

    protected override void Tick()
    {
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
