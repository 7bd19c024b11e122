namespace StreamEngine.Abstractions.State;

/// <summary>
/// A request to hold the alert cooldown of one device and alert kind for <see cref="Cooldown"/>.
/// <see cref="ClaimId"/> (the alert id is a good choice) marks the holder, so only it can release the claim.
/// </summary>
public sealed record CooldownClaim(long DeviceId, string Kind, TimeSpan Cooldown, string ClaimId);
