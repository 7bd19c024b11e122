using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// The endless workload of <c>simulate --mode random</c> (thesis 8.1.1's random messages): a random gateway sends
/// either a batches-form report (one to three readings per device) or a single-form report; a share of the
/// reports is bad, of a random class. Too-large reports (over 1 MiB each) are left out so a long run does not
/// overflow the embedded cluster's partitions.
/// </summary>
public sealed class RandomReports
{
    private readonly SimulatedFleet _fleet;
    private readonly double _badShare;
    private readonly Random _random;
    private readonly string[] _badKinds;

    /// <param name="fleet">The gateways and devices.</param>
    /// <param name="badShare">The share of bad reports, 0 to 1.</param>
    /// <param name="seed">Seeds the choices, so a run can be repeated.</param>
    public RandomReports(SimulatedFleet fleet, double badShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentOutOfRangeException.ThrowIfLessThan(badShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(badShare, 1);
        _fleet = fleet;
        _badShare = badShare;
        _random = new Random(seed);
        _badKinds = [.. BadReports.Reasons.Where(r => r != DeadLetterReason.TooLarge && (r != DeadLetterReason.DeviceInactive || fleet.InactiveDevice is not null))];
    }

    public SimulatedReport Next(long nowSeconds)
    {
        var (gateway, devices) = _fleet.Gateways[_random.Next(_fleet.Gateways.Count)];
        if (_random.NextDouble() < _badShare)
        {
            var kind = _badKinds[_random.Next(_badKinds.Length)];
            return BadReports.Build(kind, gateway, devices[_random.Next(devices.Count)], _fleet.InactiveDevice, nowSeconds, _random.Next(BadReports.OutOfRangeVariants));
        }

        if (_random.Next(2) == 0)
        {
            var device = devices[_random.Next(devices.Count)];
            return new SimulatedReport(gateway.Id, ReportJson.SingleReading(gateway, device, _fleet.NextReading(device.Id, nowSeconds)), SimulatedReport.Valid, 1, null);
        }

        var batches = devices.Select(device => new SimulatedBatch(device,
            [.. Enumerable.Range(0, _random.Next(1, 4)).Select(r => _fleet.NextReading(device.Id, nowSeconds - r))])).ToList();
        return new SimulatedReport(gateway.Id, ReportJson.Batches(gateway, batches), SimulatedReport.Valid, batches.Sum(b => b.Readings.Count), null);
    }
}
