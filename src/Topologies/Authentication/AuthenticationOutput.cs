using System.Globalization;
using System.Text;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Authentication;

/// <summary>
/// The join of figure 7.2: from a parsed report and the verdicts on its gateway and devices, the records to write —
/// every reading of an authenticated batch to <c>readings</c> (key = device id), a dead letter for the report or
/// for each rejected batch — passing on the report's offset once all are written.
/// </summary>
public static class AuthenticationOutput
{
    public const string TopologyName = "authentication";

    public static ProducerEnvelope<CommittableOffset> Build(
        ParsedReport report, CredentialCheck? gateway, IReadOnlyList<CredentialCheck> devices, AuthenticationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(settings);
        var record = report.Message.Record;
        var offset = report.Message.Offset;
        if (!report.Parsed.IsAccepted)
        {
            return ProducerEnvelope.Of(DeadLetter(report, settings, report.Parsed.Reason!, report.Parsed.Detail!), offset);
        }

        var parsed = report.Parsed.Report!;
        var gatewayId = parsed.Gateway.Id;
        if (gateway is not CredentialCheck.Valid)
        {
            var (reason, detail) = gateway == CredentialCheck.Unknown
                ? (DeadLetterReason.UnknownGateway, string.Create(CultureInfo.InvariantCulture, $"gateway {gatewayId} is not registered: register it with POST /api/v1/admin/gateways"))
                : (DeadLetterReason.BadGatewayToken, string.Create(CultureInfo.InvariantCulture, $"gateway {gatewayId}: the token does not match the registered one; use the token the gateway was created with"));
            return ProducerEnvelope.Of(DeadLetter(report, settings, reason, detail), offset);
        }

        var records = new List<ProducerRecord>();
        var index = 0;
        for (var b = 0; b < parsed.Batches.Count; b++)
        {
            var batch = parsed.Batches[b];
            if (devices[b] != CredentialCheck.Valid)
            {
                var (reason, detail) = DeviceRejection(b, batch.Device.Id, devices[b]);
                records.Add(DeadLetter(report, settings, reason, detail));
                index += batch.Readings.Count;
                continue;
            }

            var key = Encoding.ASCII.GetBytes(batch.Device.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var measurement in batch.Readings)
            {
                var reading = new Reading(batch.Device.Id, gatewayId, measurement.TimeMs, measurement.Temp, measurement.Batt,
                    report.ReceivedAt, string.Create(CultureInfo.InvariantCulture, $"{record.Source}/{index++}"));
                records.Add(new ProducerRecord(settings.ReadingsTopic, key, ReadingJson.Serialize(reading)));
            }
        }

        return ProducerEnvelope.OfMany(records, offset);
    }

    private static (string Reason, string Detail) DeviceRejection(int batch, long device, CredentialCheck check) => check switch
    {
        CredentialCheck.Unknown => (DeadLetterReason.UnknownDevice,
            string.Create(CultureInfo.InvariantCulture, $"batches[{batch}]: device {device} is not registered: register it with POST /api/v1/admin/devices")),
        CredentialCheck.Inactive => (DeadLetterReason.DeviceInactive,
            string.Create(CultureInfo.InvariantCulture, $"batches[{batch}]: device {device} is inactive: activate it with PUT /api/v1/admin/devices/{device}/state {{\"state\":true}}")),
        _ => (DeadLetterReason.BadDeviceToken,
            string.Create(CultureInfo.InvariantCulture, $"batches[{batch}]: device {device}: the token does not match the registered one; use the token the device was created with")),
    };

    private static ProducerRecord DeadLetter(ParsedReport report, AuthenticationSettings settings, string reason, string detail)
    {
        var record = report.Message.Record;
        var letter = Abstractions.Readings.DeadLetter.FromBytes(record.Source, TopologyName, reason, detail, record.Value, report.ReceivedAt);
        return new ProducerRecord(settings.DeadLettersTopic, Encoding.UTF8.GetBytes(record.Topic), DeadLetterJson.Serialize(letter));
    }
}
