using System.Globalization;
using StackExchange.Redis;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Redis;

/// <summary>The alert cooldowns (<see cref="IAlertCooldowns"/>): one key per device and kind, claimed by a script on the state's clock.</summary>
public sealed partial class RedisAlarmState
{
    public async Task<bool> TryClaim(CooldownClaim claim, CancellationToken cancellation = default)
    {
        var results = await TryClaimAll([claim], cancellation).ConfigureAwait(false);
        return results[0];
    }

    public async Task<IReadOnlyList<bool>> TryClaimAll(IReadOnlyList<CooldownClaim> claims, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        foreach (var claim in claims)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claim.Cooldown, TimeSpan.Zero, nameof(claims));
        }

        // A device and kind asked twice in one batch is asked once: the second would find its own pending claim.
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var first = claims.Select((c, i) => (c, i)).DistinctBy(p => (p.c.DeviceId, p.c.Kind)).ToList();
        var results = await Run(
            Task.WhenAll(first.Select(p =>
            {
                var cooldownMs = (long)p.c.Cooldown.TotalMilliseconds;
                return _database.ScriptEvaluateAsync(RedisStateScripts.Claim, [CooldownKey(p.c.DeviceId, p.c.Kind)], [now, now + cooldownMs, cooldownMs, p.c.ClaimId]);
            })),
            "claim alert cooldowns",
            cancellation).ConfigureAwait(false);
        var granted = new bool[claims.Count];
        for (var k = 0; k < first.Count; k++)
        {
            granted[first[k].i] = (long)results[k] == 1;
        }

        return granted;
    }

    public async Task<bool> Confirm(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        var confirmed = await Run(
            _database.ScriptEvaluateAsync(RedisStateScripts.ConfirmClaim, [CooldownKey(deviceId, kind)], [claimId]),
            "confirm an alert cooldown",
            cancellation).ConfigureAwait(false);
        return (long)confirmed == 1;
    }

    public async Task<bool> Release(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        var deleted = await Run(
            _database.ScriptEvaluateAsync(RedisStateScripts.ReleaseClaim, [CooldownKey(deviceId, kind)], [claimId]),
            "release an alert cooldown",
            cancellation).ConfigureAwait(false);
        return (long)deleted == 1;
    }

    private RedisKey CooldownKey(long deviceId, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return $"{_prefix}cooldown:{deviceId.ToString(CultureInfo.InvariantCulture)}:{kind}";
    }
}
