using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>Cooldowns that throw <see cref="StateUnavailableException"/> for the next calls, then pass on to the real ones.</summary>
public sealed class FlakyCooldowns(IAlertCooldowns inner) : IAlertCooldowns
{
    private int _failuresLeft;

    public void FailNext(int calls) => Volatile.Write(ref _failuresLeft, calls);

    public Task<bool> TryClaim(CooldownClaim claim, CancellationToken cancellation = default)
    {
        FailWhileDown();
        return inner.TryClaim(claim, cancellation);
    }

    public Task<IReadOnlyList<bool>> TryClaimAll(IReadOnlyList<CooldownClaim> claims, CancellationToken cancellation = default)
    {
        FailWhileDown();
        return inner.TryClaimAll(claims, cancellation);
    }

    public Task<bool> Release(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        FailWhileDown();
        return inner.Release(deviceId, kind, claimId, cancellation);
    }

    public Task<bool> Confirm(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        FailWhileDown();
        return inner.Confirm(deviceId, kind, claimId, cancellation);
    }

    private void FailWhileDown()
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new StateUnavailableException("the stand-in state store is down");
        }
    }
}
