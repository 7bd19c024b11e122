using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Alerts;

namespace StreamEngine.Topologies.Rules;

/// <summary>
/// The condition stage of a rule topology: one per materialization, called from one stage only, one call at a time
/// (not thread-safe). It keeps a <see cref="DeviceWindow"/> per device the filter lets through and raises the rule's
/// alert for a reading that meets the condition, or for a device found silent at a check. A <c>for</c> window is also
/// kept in <paramref name="windows"/>: read when a device first comes to this worker, written when an excursion starts
/// or ends, before the reading's offset passes on; so a window survives the worker. A <c>silence</c> rule keeps its
/// devices' last-seen times and silent marks in the rule's own shared activity, as the alerts topology does, so that
/// any of its workers finds a device silent, once, wherever the device's partition went. The cooldown is not its
/// business.
/// </summary>
internal sealed class RuleEvaluator(
    string topology, RuleDefinition rule, IRuleWindows windows, PendingSilences? pending, DeviceConfigCache configs, TimeProvider clock,
    TimeSpan firstBackoff, TimeSpan maxBackoff)
{
    private const double MsPerHour = 3_600_000;

    /// <summary>Most silent devices one check reports; the next check goes on with the rest.</summary>
    private const int SilentPerCheck = 1_000;

    /// <summary>A reading at most this much newer than the time recorded for its device is not recorded again.</summary>
    private const long SeenResolutionMs = 10_000;

    private readonly Dictionary<long, DeviceWindow> _devices = [];
    private readonly IDeviceActivity? _activity = rule.Condition is SilenceCondition ? windows.Activity(topology) : null;

    public async Task<RuleOutcome> OnReading(ConfiguredReading entry)
    {
        var outcome = new RuleOutcome(entry.Offset, entry.Source, entry.DeadLetter, null);
        if (entry is not { Reading: { } reading, Config: { Active: true } config } || !rule.Devices.Matches(reading.DeviceId, config.Values))
        {
            // Not (or no longer) watched: forget it, so that it is not reported silent either, nor found in a window.
            if (entry.Reading is { } other && _devices.Remove(other.DeviceId, out var forgotten))
            {
                await Forget(other.DeviceId, forgotten).ConfigureAwait(false);
            }

            return outcome;
        }

        if (!_devices.TryGetValue(reading.DeviceId, out var device))
        {
            device = new DeviceWindow(config);
            if (HasForWindow())
            {
                device.BeyondSinceMs = device.StoredBeyondSinceMs =
                    await Retried(() => windows.BeyondSince(topology, reading.DeviceId)).ConfigureAwait(false);
            }

            _devices.Add(reading.DeviceId, device);
        }

        var newest = device.See(reading, config);
        if (newest && rule.Condition is SilenceCondition silence)
        {
            await RecordSeen(reading, device, silence).ConfigureAwait(false);
        }

        var value = Measure(reading, device, newest);
        if (device.BeyondSinceMs != device.StoredBeyondSinceMs)
        {
            await StoreWindow(reading.DeviceId, device.BeyondSinceMs).ConfigureAwait(false);
            device.StoredBeyondSinceMs = device.BeyondSinceMs;
        }

        return value is { } measured
            ? outcome with { Alert = NewAlert($"{topology}/{reading.Source}", reading.DeviceId, measured, reading.Time, config) }
            : outcome;
    }

    /// <summary>
    /// For a <c>silence</c> rule: an alert for each device the rule's shared activity has not seen for longer than its
    /// window and that is still watched, once per silence: the silent mark is set by one worker only.
    /// </summary>
    public async Task<IReadOnlyList<RuleOutcome>> OnSilenceCheck(long nowMs)
    {
        if (rule.Condition is not SilenceCondition silence || _activity is not { } activity || pending is null)
        {
            return [];
        }

        // The silences this worker is still reporting keep their marks.
        await pending.Renew().ConfigureAwait(false);

        var found = await Retried(() => activity.FindNewlySilent(nowMs - (long)silence.For.TotalMilliseconds, SilentPerCheck)).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return [];
        }

        // One call id per call, kept by its retries: a retry of a call Redis applied answers as the call would have.
        var markCall = Guid.NewGuid().ToString("N");
        var marked = await Retried(() => activity.MarkSilent([.. found.Select(d => d.DeviceId)], markCall)).ConfigureAwait(false);

        // A reading may have come between the find and the mark (or cleared an earlier attempt of this mark): such a
        // device is not silent, so take the mark back.
        var silentSince = nowMs - (long)silence.For.TotalMilliseconds;
        var lastSeen = found.ToDictionary(d => d.DeviceId, d => d.TimeMs);
        foreach (var (deviceId, seen) in await Retried(() => activity.LastSeen(marked)).ConfigureAwait(false))
        {
            lastSeen[deviceId] = seen;
        }

        var spoke = marked.Where(id => lastSeen[id] >= silentSince).ToList();
        if (spoke.Count > 0)
        {
            var unmarkCall = Guid.NewGuid().ToString("N");
            await Retried(() => activity.ClearSilent(spoke, unmarkCall)).ConfigureAwait(false);
        }

        var outcomes = new List<RuleOutcome>(marked.Count);
        var unwatched = new List<long>();
        foreach (var deviceId in marked.Except(spoke))
        {
            var config = await AlarmReadings.ConfigOf(deviceId, configs, firstBackoff, maxBackoff).ConfigureAwait(false);
            if (config is { Active: true } && rule.Devices.Matches(deviceId, config.Values))
            {
                var last = lastSeen[deviceId];
                var alert = NewAlert($"{topology}/{deviceId}/{last}", deviceId, Math.Round((nowMs - last) / 60_000d), nowMs, config);
                outcomes.Add(new RuleOutcome(LoaderOffset.Offset, $"{topology}-silence/{deviceId}", null, alert, pending.Add(deviceId, markCall)));
            }
            else
            {
                unwatched.Add(deviceId);
            }
        }

        // Nothing to report for these: their marks are settled now, or the next check would find them again.
        if (unwatched.Count > 0)
        {
            await Retried(() => activity.ConfirmSilent(unwatched, markCall)).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>
    /// Records a silence rule's newest reading of a device in the shared activity, unless this worker recorded one at
    /// most <see cref="SeenResolutionMs"/> (and a tenth of the window) older. The check marks a device silent when its
    /// newest reading is older than the window; the reading that brings it back within the window of now lifts the
    /// mark, so that the device's next silence is reported again, however little time lies between that reading and
    /// the one before it (a gateway's backlog, delivered after the check reported the device silent). Readings still
    /// older than the window leave the mark, so that the same silence is not reported twice while a backlog comes in.
    /// </summary>
    private async Task RecordSeen(Reading reading, DeviceWindow device, SilenceCondition silence)
    {
        var resolution = Math.Min(SeenResolutionMs, (long)silence.For.TotalMilliseconds / 10);
        if (device.RecordedMs is { } recorded && reading.Time - recorded <= resolution)
        {
            return;
        }

        var changes = await Retried(() => _activity!.RecordSeen([new DeviceSeen(reading.DeviceId, reading.Time)])).ConfigureAwait(false);
        device.RecordedMs = reading.Time;
        var silentBefore = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)silence.For.TotalMilliseconds;
        if (changes is [{ PreviousMs: { } previous }] && previous < silentBefore && reading.Time >= silentBefore)
        {
            var clearCall = Guid.NewGuid().ToString("N");
            await Retried(() => _activity!.ClearSilent([reading.DeviceId], clearCall)).ConfigureAwait(false);
        }
    }

    /// <summary>Clears what the shared state holds of a device this rule no longer watches.</summary>
    private async Task Forget(long deviceId, DeviceWindow forgotten)
    {
        if (forgotten.StoredBeyondSinceMs is not null)
        {
            await StoreWindow(deviceId, null).ConfigureAwait(false);
        }

        if (_activity is { } activity)
        {
            await Retried(async () =>
            {
                await activity.Forget([deviceId]).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
    }

    /// <summary>The value to report when the reading meets the condition, else null.</summary>
    private double? Measure(Reading reading, DeviceWindow device, bool newest) => rule.Condition switch
    {
        TemperatureAboveCondition c => Beyond(device, reading, reading.Temp > c.Limit, c.For, newest) ? reading.Temp : null,
        TemperatureBelowCondition c => Beyond(device, reading, reading.Temp < c.Limit, c.For, newest) ? reading.Temp : null,
        BatteryBelowCondition c => reading.Batt < c.Limit ? reading.Batt : null,
        RiseRateCondition c when newest => RisePerHour(device, reading, c.Window) is { } rate && rate > c.DegreesPerHour ? Math.Round(rate, 1) : null,
        _ => null,
    };

    private static bool Beyond(DeviceWindow device, Reading reading, bool beyond, TimeSpan? window, bool newest)
    {
        if (window is not { } least)
        {
            return beyond;
        }

        // The window is made of the device's newest readings in time order: a replayed or late one neither starts nor ends it.
        if (!newest)
        {
            return false;
        }

        if (!beyond)
        {
            device.BeyondSinceMs = null;
            return false;
        }

        device.BeyondSinceMs ??= reading.Time;
        return reading.Time - device.BeyondSinceMs.Value >= least.TotalMilliseconds;
    }

    private static double? RisePerHour(DeviceWindow device, Reading reading, TimeSpan window)
    {
        device.Recent.Enqueue((reading.Time, reading.Temp));
        while (device.Recent.Peek().TimeMs < reading.Time - window.TotalMilliseconds)
        {
            device.Recent.Dequeue();
        }

        var (firstMs, firstTemp) = device.Recent.Peek();
        return reading.Time > firstMs ? (reading.Temp - firstTemp) / ((reading.Time - firstMs) / MsPerHour) : null;
    }

    private bool HasForWindow() => rule.Condition is TemperatureAboveCondition { For: not null } or TemperatureBelowCondition { For: not null };

    private async Task StoreWindow(long deviceId, long? sinceMs) =>
        await Retried(async () =>
        {
            await windows.SetBeyondSince(topology, deviceId, sinceMs).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private Task<T> Retried<T>(Func<Task<T>> call) =>
        Backoff.UntilDone(call, e => e is StateUnavailableException, firstBackoff, maxBackoff);

    private Alert NewAlert(string alertId, long deviceId, double value, long timeMs, DeviceConfig config) =>
        new(alertId, rule.AlertKind, deviceId, value, Limit(), timeMs, config.Contact,
            SmsText.ForRule(rule.AlertKind, rule.Condition, deviceId, config.Contact.Name, value, timeMs));

    private double Limit() => rule.Condition switch
    {
        TemperatureAboveCondition c => c.Limit,
        TemperatureBelowCondition c => c.Limit,
        BatteryBelowCondition c => c.Limit,
        SilenceCondition c => c.For.TotalMinutes,
        RiseRateCondition c => c.DegreesPerHour,
        _ => throw new InvalidOperationException($"Unknown condition '{rule.Condition.Type}'."),
    };
}
