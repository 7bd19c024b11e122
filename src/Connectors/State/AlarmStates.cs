using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;

namespace StreamEngine.Connectors.State;

/// <summary>Opens the alarm state the configuration asks for: Redis when <c>Redis:Configuration</c> is set, else in-process.</summary>
public static class AlarmStates
{
    public static async Task<IAlarmState> Open(RedisSettings settings, TimeProvider? clock = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.UsesInProcessState
            ? new InProcessAlarmState(clock)
            : await RedisAlarmState.Connect(settings, logger, clock).ConfigureAwait(false);
    }
}
