using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Cli;

/// <summary>
/// Makes sure the engine knows the simulator's fleet: N gateways with M active, configured devices each, plus one
/// device left inactive. What the state file lists and the engine still has is reused; the rest is created through
/// the admin API. Gateways and devices beyond N and M stay in the state file for a later, larger run.
/// </summary>
public static class FleetProvisioner
{
    public static async Task<(SimulatedFleet Fleet, FleetState State, int Reused, int Created)> Provision(
        AdminApiClient api, FleetState stored, int gateways, int devicesPerGateway, int seed, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(stored);
        var knownGateways = await api.GatewayIds(cancellation).ConfigureAwait(false);
        var knownDevices = await api.DeviceStates(cancellation).ConfigureAwait(false);
        var reused = 0;
        var created = 0;
        var kept = stored.Gateways.Where(g => knownGateways.Contains(g.Gateway.Id)).ToList();
        var all = new List<SimulatedGateway>();
        for (var g = 0; g < Math.Max(gateways, kept.Count); g++)
        {
            IssuedCredentials gateway;
            var devices = new List<IssuedCredentials>();
            if (g < kept.Count)
            {
                gateway = kept[g].Gateway;
                devices.AddRange(kept[g].Devices.Where(d => knownDevices.ContainsKey(d.Id)));
                reused += g < gateways ? 1 : 0;
            }
            else
            {
                gateway = await api.CreateGateway(cancellation).ConfigureAwait(false);
                created++;
            }

            for (var d = 0; g < gateways && d < devicesPerGateway; d++)
            {
                if (d < devices.Count)
                {
                    if (!knownDevices[devices[d].Id])
                    {
                        await api.SetDeviceState(devices[d].Id, true, cancellation).ConfigureAwait(false);
                    }

                    reused++;
                    continue;
                }

                var device = await api.CreateDevice(cancellation).ConfigureAwait(false);
                await api.SetDeviceConfig(device.Id, SimulatedDeviceConfig.For(g, d), cancellation).ConfigureAwait(false);
                await api.SetDeviceState(device.Id, true, cancellation).ConfigureAwait(false);
                devices.Add(device);
                created++;
            }

            all.Add(new SimulatedGateway(gateway, devices));
        }

        var inactive = stored.InactiveDevice;
        if (inactive is not null && knownDevices.TryGetValue(inactive.Id, out var active))
        {
            if (active)
            {
                await api.SetDeviceState(inactive.Id, false, cancellation).ConfigureAwait(false);
            }

            reused++;
        }
        else
        {
            inactive = await api.CreateDevice(cancellation).ConfigureAwait(false);
            await api.SetDeviceConfig(inactive.Id, new Dictionary<string, object> { ["name"] = "Simulated spare (inactive)", ["owner"] = "Simulator" }, cancellation)
                .ConfigureAwait(false);
            created++;
        }

        var used = all.Take(gateways).Select(g => g with { Devices = [.. g.Devices.Take(devicesPerGateway)] }).ToList();
        return (new SimulatedFleet(used, inactive, seed), new FleetState(all, inactive), reused, created);
    }
}
