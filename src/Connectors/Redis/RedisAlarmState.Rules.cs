using StackExchange.Redis;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Redis;

/// <summary>The rules' windows (<see cref="IRuleWindows"/>): a hash of open <c>for</c> windows per rule, and each rule's own activity.</summary>
public sealed partial class RedisAlarmState
{
    public async Task<long?> BeyondSince(string rule, long deviceId, CancellationToken cancellation = default)
    {
        var since = await Run(_database.HashGetAsync(RuleWindowsKey(rule), deviceId), "read a rule's window", cancellation).ConfigureAwait(false);
        return since.IsNull ? null : (long)since;
    }

    public Task SetBeyondSince(string rule, long deviceId, long? sinceMs, CancellationToken cancellation = default) =>
        sinceMs is { } since
            ? Run(_database.HashSetAsync(RuleWindowsKey(rule), deviceId, since), "store a rule's window", cancellation)
            : Run(_database.HashDeleteAsync(RuleWindowsKey(rule), deviceId), "clear a rule's window", cancellation);

    public IDeviceActivity Activity(string rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        return _ruleActivity.GetOrAdd(rule, name => new RedisAlarmState(_connection, _settings, _endpoint, _clock, _logger, $"rule:{name}"));
    }

    /// <summary>One hash per rule, device id → since when its readings have been beyond the limit: only open windows.</summary>
    private RedisKey RuleWindowsKey(string rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        return $"{_prefix}rule:{rule}:beyond-since";
    }
}
