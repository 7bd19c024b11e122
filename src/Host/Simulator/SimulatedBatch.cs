using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>One device's readings in a report, under the credentials the report carries (right or wrong).</summary>
public sealed record SimulatedBatch(IssuedCredentials Device, IReadOnlyList<SimulatedReading> Readings);
