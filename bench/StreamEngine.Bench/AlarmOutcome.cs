using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>
/// What an alarm topology did outside Kafka: the SMS the Twilio stand-in received against the readings that should
/// alert, and the time from a device's first alarming reading (its Kafka timestamp) to its SMS request.
/// </summary>
internal static class AlarmOutcome
{
    private const long PeriodMs = 5_000;

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

        var samples = firstSms
            .Where(s => fleet.FirstAlarmMs.ContainsKey(s.Key))
            .Select(s => (int)Math.Max(0, s.Value - fleet.FirstAlarmMs[s.Key]))
            .Order()
            .ToArray();
        return samples.Length == 0
            ? text
            : text + string.Create(CultureInfo.InvariantCulture,
                $"; Kafka timestamp of the device's first alarming reading → SMS request: p50 {At(samples, 0.50)} ms, p99 {At(samples, 0.99)} ms, max {samples[^1]} ms ({samples.Length:N0} SMS); p99 by when the reading was written: {ByPeriod(fleet, firstSms)}");
    }

    /// <summary>The p99 of the SMS of the readings written in each 5 s of the run: whether the tail is the start or steady.</summary>
    private static string ByPeriod(AlarmFleet fleet, Dictionary<long, long> firstSms)
    {
        var written = firstSms.Keys.Where(fleet.FirstAlarmMs.ContainsKey).Select(d => (Written: fleet.FirstAlarmMs[d], Sent: firstSms[d])).ToList();
        var start = written.Min(w => w.Written);
        return string.Join(", ", written
            .GroupBy(w => (w.Written - start) / PeriodMs)
            .OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{g.Key * PeriodMs / 1000}–{(g.Key + 1) * PeriodMs / 1000} s {At([.. g.Select(w => (int)Math.Max(0, w.Sent - w.Written)).Order()], 0.99)} ms")));
    }

    private static int At(int[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
