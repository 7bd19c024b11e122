using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Thresholds;

/// <summary>A reading after the checks (the limits it crossed) or after the cooldown (the ones it holds the claim for).</summary>
internal sealed record CheckedReading(ConfiguredReading Entry, IReadOnlyList<Breach> Breaches);
