namespace StreamEngine.Abstractions.Registry;

/// <summary>A registered gateway (thesis table 5.6): its token only as a hash, and its config map.</summary>
public sealed record GatewayRecord(long Id, string TokenHash, IReadOnlyDictionary<string, string> Config);
