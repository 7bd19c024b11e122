namespace StreamEngine.Host.Simulator;

/// <summary>The gateway simulator of the main job (section <c>Simulator</c>; thesis 8.1.1).</summary>
public sealed record SimulatorSettings
{
    public const string SectionName = "Simulator";

    /// <summary>Run the simulator inside the engine. Default false.</summary>
    public bool Enabled { get; init; }

    public int Gateways { get; init; } = 3;

    public int DevicesPerGateway { get; init; } = 10;

    /// <summary>Reports published per second, all gateways together. Default 20.</summary>
    public int ReportsPerSecond { get; init; } = 20;

    /// <summary>Every Nth report carries a wrong device token, so dead letters show up too; 0 = never. Default 25.</summary>
    public int BadReportEvery { get; init; } = 25;

    /// <summary>
    /// The first gateway's first device warms from 5 °C to 1 °C above its maxTemperature over this time, then starts
    /// again: too warm for the last quarter of each round. Its second device reports a 15 % battery (below its
    /// minBattery of 20). Zero = every device stays within its limits. Default 1 minute.
    /// </summary>
    public TimeSpan BreachEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first gateway's third device stops reporting this long after the first report; zero = none does. Default 20 s.</summary>
    public TimeSpan SilentDeviceAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the silent device stays silent before it reports again; zero = for good. Default 2 minutes.</summary>
    public TimeSpan SilentDeviceFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>With the simulator on, <c>Alerts:Silence</c> unless it is set, so a silent device shows within minutes. Default 1 minute.</summary>
    public TimeSpan AlertsSilence { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>With the simulator on, <c>Thresholds:Cooldown</c> unless it is set, so breaches repeat within minutes. Default 2 minutes.</summary>
    public TimeSpan ThresholdsCooldown { get; init; } = TimeSpan.FromMinutes(2);
}
