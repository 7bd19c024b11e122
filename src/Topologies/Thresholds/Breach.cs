namespace StreamEngine.Topologies.Thresholds;

/// <summary>A limit a reading crossed: the alert kind, the measured value and the limit.</summary>
internal sealed record Breach(string Kind, double Value, double Limit);
