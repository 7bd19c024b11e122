namespace StreamEngine.Abstractions.State;

/// <summary>
/// At most one alert per device per kind per cooldown, shared by every worker and surviving restarts and replays:
/// the first caller to claim a device and kind holds it until the cooldown expires; everyone else is refused. The
/// holder confirms the claim once the alert is delivered; until then the same claim id (the same alert, replayed
/// after its worker died between claiming and delivering) is granted again, so a crash there never loses the alert.
/// </summary>
/// <remarks>
/// Claims expire on the clock the store was opened with (the system clock in production, a moved clock in
/// tests). Safe to call concurrently from several workers and nodes. When the backing
/// store cannot be reached every method throws <see cref="StateUnavailableException"/>; the caller backs off and
/// retries. A caller that claimed but could not deliver the alert releases the claim so that a retry may send it.
/// </remarks>
public interface IAlertCooldowns
{
    /// <summary>
    /// True when this call took the claim, or when the same claim id holds it unconfirmed; false when the device and
    /// kind are cooling down under another claim or a confirmed one.
    /// </summary>
    Task<bool> TryClaim(CooldownClaim claim, CancellationToken cancellation = default);

    /// <summary>
    /// Claims many in one batch; the result at index i answers <paramref name="claims"/>[i]. A device and kind that
    /// comes twice is granted at most at its first place.
    /// </summary>
    Task<IReadOnlyList<bool>> TryClaimAll(IReadOnlyList<CooldownClaim> claims, CancellationToken cancellation = default);

    /// <summary>
    /// Gives a claim back before it expires, only when <paramref name="claimId"/> still holds it (a claim that expired
    /// and was taken by someone else is left alone). True when a claim was released.
    /// </summary>
    Task<bool> Release(long deviceId, string kind, string claimId, CancellationToken cancellation = default);

    /// <summary>
    /// Marks the claim delivered, only when <paramref name="claimId"/> still holds it: from now on even its own claim id
    /// is refused until the cooldown ends. True when a claim was confirmed.
    /// </summary>
    Task<bool> Confirm(long deviceId, string kind, string claimId, CancellationToken cancellation = default);
}
