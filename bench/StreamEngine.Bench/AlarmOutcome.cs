using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>
/// What an alarm topology did outside Kafka: the SMS the Twilio stand-in received against the readings that should
/// alert, and the time from a device's first alarming reading (its Kafka timestamp) to its SMS request.
/// </summary>
internal static class AlarmOutcome
{
    public static string Describe(AlarmFleet fleet, HttpStandIns standIns, bool withLatency)
    {
        var requests = standIns.Sms.ToList();
        var firstSms = requests
            .Select(r => (Device: AlarmFleet.DeviceOfPhone(r.To), r.AtMs))
            .Where(r => r.Device is not null)
            .GroupBy(r => r.Device!.Value)
            .ToDictionary(g => g.Key, g => g.Min(r => r.AtMs));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"SMS: {requests.Count:N0} requests to {firstSms.Count:N0} devices; {fleet.AlarmReadings:N0} readings should alert, on {fleet.FirstAlarmMs.Count:N0} devices (one SMS per device and kind: the cooldown or the silent mark holds back the rest)");
        if (!withLatency)
        {
            return text;
        }

        var latencies = firstSms
            .Where(s => fleet.FirstAlarmMs.ContainsKey(s.Key))
            .Select(s => (WrittenMs: fleet.FirstAlarmMs[s.Key], AgeMs: (int)Math.Max(0, s.Value - fleet.FirstAlarmMs[s.Key])))
            .ToList();
        var samples = latencies.Select(l => l.AgeMs).Order().ToArray();
        return samples.Length == 0
            ? text
            : text + string.Create(CultureInfo.InvariantCulture,
                $"; Kafka timestamp of the device's first alarming reading → SMS request: p50 {LatencyPeriods.At(samples, 0.50)} ms, p99 {LatencyPeriods.At(samples, 0.99)} ms, max {samples[^1]} ms ({samples.Length:N0} SMS); p50/p99 ms by when the reading was written: {LatencyPeriods.ByPeriod(latencies)}");
    }
}
