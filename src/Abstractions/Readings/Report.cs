namespace StreamEngine.Abstractions.Readings;

/// <summary>A gateway's report: its batches, one per device (topic <c>reports</c>, key = gateway id).</summary>
public sealed record Report(GatewayCredentials Gateway, IReadOnlyList<Batch> Batches);
