using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// The simulator's gateways and their active devices (plus, optionally, one registered device left inactive), and
/// the reports they send. The in-host simulator registers its fleet through <see cref="IRegistry"/> and plays an
/// <see cref="AlarmScenario"/>; the <c>simulate</c> verb registers through the admin API.
/// </summary>
public sealed class SimulatedFleet
{
    private readonly Dictionary<long, double> _temperatures = [];
    private readonly Random _random;
    private long _sent;
    private long? _firstSeconds;

    /// <param name="gateways">At least one gateway, each with at least one active device.</param>
    /// <param name="inactiveDevice">A registered device that is not active, for <c>device-inactive</c> reports; null if none.</param>
    /// <param name="seed">Seeds the temperatures' random walk.</param>
    /// <param name="alarms">Devices that breach their limits or fall silent; null = none.</param>
    public SimulatedFleet(IReadOnlyList<SimulatedGateway> gateways, IssuedCredentials? inactiveDevice = null, int seed = 42, AlarmScenario? alarms = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count == 0 || gateways.Any(g => g.Devices.Count == 0))
        {
            throw new ArgumentException("A fleet needs at least one gateway, and each gateway at least one device.", nameof(gateways));
        }

        Gateways = gateways;
        InactiveDevice = inactiveDevice;
        Alarms = alarms;
        _random = new Random(seed);
    }

    public IReadOnlyList<SimulatedGateway> Gateways { get; }

    public IssuedCredentials? InactiveDevice { get; }

    public AlarmScenario? Alarms { get; }

    /// <summary>Registers the fleet's gateways and active devices, each with <see cref="SimulatedDeviceConfig"/>, and its alarm scenario.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration of the scenario is invalid (<see cref="AlarmScenario.For"/>).</exception>
    public static async Task<SimulatedFleet> Register(IRegistry registry, SimulatorSettings settings, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        var gateways = new List<SimulatedGateway>();
        for (var g = 0; g < settings.Gateways; g++)
        {
            var gateway = await registry.CreateGateway(cancellation).ConfigureAwait(false);
            var devices = new List<IssuedCredentials>();
            for (var d = 0; d < settings.DevicesPerGateway; d++)
            {
                var device = await registry.CreateDevice(cancellation).ConfigureAwait(false);
                await registry.SetDeviceConfig(device.Id, SimulatedDeviceConfig.AsText(g, d), cancellation).ConfigureAwait(false);
                await registry.SetDeviceState(device.Id, true, cancellation).ConfigureAwait(false);
                devices.Add(device);
            }

            gateways.Add(new SimulatedGateway(gateway, devices));
        }

        return new SimulatedFleet(gateways, alarms: AlarmScenario.For(gateways, settings));
    }

    /// <summary>The next report: one gateway in turn, a batch per device that is not silent, each with one reading.</summary>
    /// <param name="nowSeconds">The readings' time.</param>
    /// <param name="badReportEvery">Every Nth report carries a wrong token for its first device; 0 = never.</param>
    public (long GatewayId, string Json) NextReport(long nowSeconds, int badReportEvery)
    {
        var sent = _sent++;
        var (gateway, devices) = Gateways[(int)(sent % Gateways.Count)];
        var spoil = badReportEvery > 0 && sent % badReportEvery == badReportEvery - 1;
        var elapsed = Elapsed(nowSeconds);
        var batches = devices.Where(device => Alarms?.Reports(device.Id, elapsed) ?? true).Select((device, i) => new SimulatedBatch(
            spoil && i == 0 ? device with { Token = "not-the-token" } : device,
            [NextReading(device.Id, nowSeconds)]));
        return (gateway.Id, ReportJson.Batches(gateway, batches));
    }

    /// <summary>
    /// A reading of the device at the given time: its temperature walks randomly near 4 °C, between 3 and 7 (inside
    /// the 2…8 °C of <see cref="SimulatedDeviceConfig"/>), its battery at 80 %; unless <see cref="Alarms"/> says otherwise.
    /// </summary>
    public SimulatedReading NextReading(long deviceId, long timeSeconds)
    {
        var current = _temperatures.GetValueOrDefault(deviceId, 4.0);
        var next = Math.Clamp(current + ((_random.NextDouble() - 0.5) * 0.4), 3, 7);
        _temperatures[deviceId] = next;
        var reading = new SimulatedReading(Math.Round(next, 2), timeSeconds, 80);
        return Alarms?.Apply(deviceId, reading, Elapsed(timeSeconds)) ?? reading;
    }

    /// <summary>Seconds since the first report or reading the fleet made.</summary>
    private long Elapsed(long nowSeconds)
    {
        _firstSeconds ??= nowSeconds;
        return Math.Max(0, nowSeconds - _firstSeconds.Value);
    }
}
