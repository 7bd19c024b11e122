namespace StreamEngine.Topologies.Datapoints;

/// <summary>Parameters of the datapoints topology (thesis 7.3.3).</summary>
public sealed record DatapointsSettings
{
    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>How long a window collects readings before its one write. Default 3 s, as the thesis.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Readings in one window at most, so that a burst never makes a giant write. Default 25,000 (50,000 points):
    /// the metric store writes a row's points together, so bigger windows write fewer pages per point (measured on
    /// SQLite: 100,000 points/s in writes of 10,000, 150,000 in writes of 100,000).
    /// </summary>
    public int MaxWindowReadings { get; init; } = 25_000;

    public string TemperatureMetric { get; init; } = "temperature";

    public string BatteryMetric { get; init; } = "battery";

    /// <summary>The tag that carries the device id. Default <c>device_id</c>, as thesis table 5.2.</summary>
    public string DeviceTag { get; init; } = "device_id";
}
