using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// The fixed scenario of <c>simulate --mode deterministic</c> (thesis 8.1.1's deterministic messages): per gateway,
/// one batches-form report with three readings from each of its devices and one single-form report; then one report
/// of every bad-input class (three out-of-range ones: temperature, battery, time). Every valid reading is distinct
/// (device, time); the temperatures follow from the indexes, so a run is known in advance.
/// </summary>
public static class DeterministicScenario
{
    public const int ReadingsPerBatch = 3;

    /// <param name="fleet">A fleet with an inactive device.</param>
    /// <param name="nowSeconds">Now, Unix seconds; every valid reading lies in the minute before.</param>
    public static IReadOnlyList<SimulatedReport> Build(SimulatedFleet fleet, long nowSeconds)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var reports = new List<SimulatedReport>();
        var start = nowSeconds - 60;
        for (var g = 0; g < fleet.Gateways.Count; g++)
        {
            var (gateway, devices) = fleet.Gateways[g];
            var batches = devices.Select((device, d) => new SimulatedBatch(device,
                [.. Enumerable.Range(0, ReadingsPerBatch).Select(r => new SimulatedReading(Temperature(g, d, r), start + r, 90 - r))])).ToList();
            reports.Add(new SimulatedReport(gateway.Id, ReportJson.Batches(gateway, batches), SimulatedReport.Valid, devices.Count * ReadingsPerBatch, null));
            var single = new SimulatedReading(Temperature(g, 0, ReadingsPerBatch), start + ReadingsPerBatch, 80);
            reports.Add(new SimulatedReport(gateway.Id, ReportJson.SingleReading(gateway, devices[0], single), SimulatedReport.Valid, 1, null));
        }

        var (firstGateway, firstDevices) = fleet.Gateways[0];
        foreach (var reason in BadReports.Reasons)
        {
            var variants = reason == DeadLetterReason.OutOfRange ? BadReports.OutOfRangeVariants : 1;
            for (var variant = 0; variant < variants; variant++)
            {
                // The unknown-device report's good batch is at start + 4 s: no valid reading above has that time.
                reports.Add(BadReports.Build(reason, firstGateway, firstDevices[0], fleet.InactiveDevice, start + ReadingsPerBatch + 2, variant));
            }
        }

        return reports;
    }

    private static double Temperature(int gateway, int device, int reading) => Math.Round(2 + (gateway * 0.5) + (device * 0.1) + (reading * 0.01), 2);
}
