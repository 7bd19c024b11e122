using System.Text.Json;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// Reports that provoke each bad-input class of DESIGN section 3, built from a real gateway and device so that
/// only the one defect makes them bad.
/// </summary>
public static class BadReports
{
    /// <summary>A gateway id no registry hands out.</summary>
    public const long UnknownId = long.MaxValue;

    /// <summary>Every reason a report from a gateway can be refused for (<c>sink-failed</c> is the engine's, not the input's).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        DeadLetterReason.MalformedJson, DeadLetterReason.Schema, DeadLetterReason.UnknownGateway, DeadLetterReason.BadGatewayToken,
        DeadLetterReason.UnknownDevice, DeadLetterReason.BadDeviceToken, DeadLetterReason.DeviceInactive, DeadLetterReason.OutOfRange,
        DeadLetterReason.TooLarge,
    ];

    /// <summary>The out-of-range variants <see cref="Build"/> knows: temperature, battery, time in the future.</summary>
    public const int OutOfRangeVariants = 3;

    /// <summary>
    /// A report refused for <paramref name="reason"/>. The unknown-device report also carries a good batch of
    /// <paramref name="device"/>, which must still come out as one reading.
    /// </summary>
    /// <param name="reason">One of <see cref="Reasons"/>.</param>
    /// <param name="gateway">A registered gateway with its right token.</param>
    /// <param name="device">An active device with its right token.</param>
    /// <param name="inactive">A registered device that is not active; needed for <c>device-inactive</c> only.</param>
    /// <param name="nowSeconds">Now, Unix seconds.</param>
    /// <param name="variant">Which out-of-range defect: 0 temperature, 1 battery, 2 time (modulo <see cref="OutOfRangeVariants"/>).</param>
    public static SimulatedReport Build(
        string reason, IssuedCredentials gateway, IssuedCredentials device, IssuedCredentials? inactive, long nowSeconds, int variant = 0)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(device);
        var good = new SimulatedReading(4.5, nowSeconds, 75);
        SimulatedBatch[] Good(IssuedCredentials who) => [new SimulatedBatch(who, [good])];
        var wrong = "not-the-token";
        var (json, readings) = reason switch
        {
            DeadLetterReason.MalformedJson => ("{\"gateway\":", 0),
            DeadLetterReason.Schema => (JsonSerializer.Serialize(new { gateway = new { id = gateway.Id, auth = gateway.Token }, batches = "not a list" }), 0),
            DeadLetterReason.UnknownGateway => (ReportJson.Batches(new IssuedCredentials(UnknownId, wrong), Good(device)), 0),
            DeadLetterReason.BadGatewayToken => (ReportJson.Batches(gateway with { Token = wrong }, Good(device)), 0),
            DeadLetterReason.UnknownDevice => (ReportJson.Batches(gateway,
                [new SimulatedBatch(new IssuedCredentials(UnknownId, wrong), [good]), new SimulatedBatch(device, [good with { Time = nowSeconds - 1 }])]), 1),
            DeadLetterReason.BadDeviceToken => (ReportJson.Batches(gateway, Good(device with { Token = wrong })), 0),
            DeadLetterReason.DeviceInactive => (ReportJson.Batches(gateway, Good(inactive
                ?? throw new ArgumentNullException(nameof(inactive), "A device-inactive report needs a registered device that is not active."))), 0),
            DeadLetterReason.OutOfRange => (ReportJson.Batches(gateway, [new SimulatedBatch(device, [(variant % OutOfRangeVariants) switch
            {
                0 => good with { Temp = 151 },
                1 => good with { Batt = 101 },
                _ => good with { Time = nowSeconds + 3_600 },
            }])]), 0),
            DeadLetterReason.TooLarge => (TooLarge(gateway, device, good), 0),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, $"No bad report for '{reason}'; known: {string.Join(", ", Reasons)}."),
        };
        var key = reason == DeadLetterReason.UnknownGateway ? UnknownId : gateway.Id;
        return new SimulatedReport(key, json, reason, readings, reason);
    }

    /// <summary>A good report padded past <see cref="ReportParser.MaxReportBytes"/>.</summary>
    private static string TooLarge(IssuedCredentials gateway, IssuedCredentials device, SimulatedReading good) => JsonSerializer.Serialize(new
    {
        gateway = new { id = gateway.Id, auth = gateway.Token },
        batches = new[] { new { device = new { id = device.Id, auth = device.Token }, readings = new[] { new { temp = good.Temp, time = good.Time, batt = good.Batt } } } },
        padding = new string('x', ReportParser.MaxReportBytes + 1),
    });
}
