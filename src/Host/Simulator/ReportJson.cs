using System.Text.Json;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>Writes reports in the two forms of DESIGN section 3, as a gateway sends them.</summary>
public static class ReportJson
{
    /// <summary>The batches form: <c>{"gateway":{…},"batches":[{"device":{…},"readings":[…]}]}</c>.</summary>
    public static string Batches(IssuedCredentials gateway, IEnumerable<SimulatedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(batches);
        return JsonSerializer.Serialize(new
        {
            gateway = Credentials(gateway),
            batches = batches.Select(b => new { device = Credentials(b.Device), readings = b.Readings.Select(Reading) }),
        });
    }

    /// <summary>The single-reading form: <c>{"gateway":{…},"device":{…},"reading":{…}}</c>.</summary>
    public static string SingleReading(IssuedCredentials gateway, IssuedCredentials device, SimulatedReading reading)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(reading);
        return JsonSerializer.Serialize(new { gateway = Credentials(gateway), device = Credentials(device), reading = Reading(reading) });
    }

    private static object Credentials(IssuedCredentials credentials) => new { id = credentials.Id, auth = credentials.Token };

    private static object Reading(SimulatedReading reading) => new { temp = reading.Temp, time = reading.Time, batt = reading.Batt };
}
