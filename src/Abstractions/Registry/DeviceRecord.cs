namespace StreamEngine.Abstractions.Registry;

/// <summary>A registered device (thesis table 5.5): its token only as a hash, its state (false = inactive) and its config map.</summary>
public sealed record DeviceRecord(long Id, string TokenHash, bool State, IReadOnlyDictionary<string, string> Config);
