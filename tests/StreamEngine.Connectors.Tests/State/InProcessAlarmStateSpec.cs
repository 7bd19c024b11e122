using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.State;

namespace StreamEngine.Connectors.Tests.State;

public sealed class InProcessAlarmStateSpec : AlarmStateContract
{
    private readonly FakeTimeProvider _clock = new();

    protected override Task<IAlarmState> Open() => AlarmStates.Open(new RedisSettings(), _clock);

    protected override void MoveClock(TimeSpan by) => _clock.Advance(by);

    [Fact]
    public async Task Empty_redis_configuration_opens_the_in_process_state()
    {
        await using var state = await AlarmStates.Open(new RedisSettings { Configuration = " " });

        Assert.IsType<InProcessAlarmState>(state);
    }

    [Fact]
    public async Task Cooldowns_expire_on_the_injected_clock()
    {
        var claim = new CooldownClaim(1, "battery-low", TimeSpan.FromHours(1), "a");
        await State.TryClaim(claim);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await State.TryClaim(claim with { ClaimId = "b" }));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await State.TryClaim(claim with { ClaimId = "c" }));
    }
}
