using System.Text.Json;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>The simulator's gateways and devices, registered and activated, and the reports they send.</summary>
public sealed class SimulatedFleet
{
    private readonly List<(IssuedCredentials Gateway, List<IssuedCredentials> Devices)> _gateways;
    private readonly Dictionary<long, double> _temperatures = [];
    private readonly Random _random = new(42);
    private long _sent;

    private SimulatedFleet(List<(IssuedCredentials, List<IssuedCredentials>)> gateways) => _gateways = gateways;

    public static async Task<SimulatedFleet> Register(IRegistry registry, SimulatorSettings settings, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        var gateways = new List<(IssuedCredentials, List<IssuedCredentials>)>();
        for (var g = 0; g < settings.Gateways; g++)
        {
            var gateway = await registry.CreateGateway(cancellation).ConfigureAwait(false);
            var devices = new List<IssuedCredentials>();
            for (var d = 0; d < settings.DevicesPerGateway; d++)
            {
                var device = await registry.CreateDevice(cancellation).ConfigureAwait(false);
                await registry.SetDeviceState(device.Id, true, cancellation).ConfigureAwait(false);
                devices.Add(device);
            }

            gateways.Add((gateway, devices));
        }

        return new SimulatedFleet(gateways);
    }

    /// <summary>The next report: one gateway in turn, a batch per device, each with one reading near 4 °C.</summary>
    public (long GatewayId, string Json) NextReport(long nowSeconds, int badReportEvery)
    {
        var sent = _sent++;
        var (gateway, devices) = _gateways[(int)(sent % _gateways.Count)];
        var spoil = badReportEvery > 0 && sent % badReportEvery == badReportEvery - 1;
        var batches = devices.Select((device, i) => new
        {
            device = new { id = device.Id, auth = spoil && i == 0 ? "not-the-token" : device.Token },
            readings = new[] { new { temp = Math.Round(NextTemperature(device.Id), 2), time = nowSeconds, batt = 80 } },
        });
        return (gateway.Id, JsonSerializer.Serialize(new { gateway = new { id = gateway.Id, auth = gateway.Token }, batches }));
    }

    private double NextTemperature(long device)
    {
        var current = _temperatures.GetValueOrDefault(device, 4.0);
        var next = Math.Clamp(current + ((_random.NextDouble() - 0.5) * 0.4), -2, 12);
        _temperatures[device] = next;
        return next;
    }
}
