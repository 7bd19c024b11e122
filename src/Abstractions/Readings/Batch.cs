namespace StreamEngine.Abstractions.Readings;

/// <summary>One device's readings within a report.</summary>
public sealed record Batch(DeviceCredentials Device, IReadOnlyList<Measurement> Readings);
