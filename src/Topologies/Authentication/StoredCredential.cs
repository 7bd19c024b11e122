namespace StreamEngine.Topologies.Authentication;

/// <summary>What the registry holds for one id: the token's hash, and whether the holder may report (devices: state).</summary>
public sealed record StoredCredential(string TokenHash, bool Active);
