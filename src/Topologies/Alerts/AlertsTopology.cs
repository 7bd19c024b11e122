using System.Text.Json;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Readings;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// The alerts (no-communication) topology as the thesis draws it (figure 7.5), in two flows merged before info:
/// readings → parse → time (last-seen times recorded in the shared state, one batch per group of readings; a reading
/// that ends a silence raises <c>communication-restored</c>) and a loader tick every
/// <see cref="AlertsSettings.LoaderInterval"/> that raises <c>no-communication</c> once per silence for each device
/// not seen for <see cref="AlertsSettings.Silence"/> → info (name, owner, phone) → notify (SMS, and the alert to the
/// alerts topic). "Silent" and "raised once" live in the shared state, so several workers and restarts agree. The state
/// store, the registry and the SMS provider being unavailable only delays: each is retried with backoff.
/// </summary>
/// <remarks>
/// Silence is measured against <c>clock</c> (the loader) and between reading times, in the order of the times and not
/// of arrival: a reading that comes more than <see cref="AlertsSettings.Silence"/> after the device's previous reading
/// raises <c>communication-restored</c> even when the loader had not reported the silence (e.g. because the topology
/// was down), while a gateway's backlog of readings each less than that apart raises nothing, however late and in
/// whatever order it arrives. A device the loader reported stays silent until a reading of it measured within the
/// silence of now comes: the oldest such reading raises <c>communication-restored</c>, with the minutes since the
/// device's reading before it, so that a backlog measured during the silence neither ends it early nor has it reported
/// twice, in whatever batches it comes. A reading at most
/// <see cref="AlertsSettings.SeenResolution"/> (and a tenth of the silence) newer than the time this worker last recorded
/// for its device is not recorded again: such a reading cannot end a silence, and the stored time lags by at most that
/// much. What a reading ended is held unconfirmed in the shared state until its alert is delivered: a worker that dies
/// in between leaves it to the replay of that reading, which raises it again under the same alert id. The flow completes
/// when its input does.
/// </remarks>
public static class AlertsTopology
{
    public const string TopologyName = "alerts";

    /// <param name="settings">Silence, loader, parallelism, retries and the output topics.</param>
    /// <param name="configs">The devices' contacts.</param>
    /// <param name="activity">The shared last-seen times and silences.</param>
    /// <param name="sms">Where SMS go.</param>
    /// <param name="clock">The clock of the loader, the alerts and the dead letters.</param>
    /// <param name="metrics">
    /// Counts the stages <c>parse</c>, <c>time</c> (readings in and out, the latency of one state update per batch),
    /// <c>loader</c> (ticks in, silences out, the latency of one search per tick), <c>info</c> and <c>notify</c>.
    /// </param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        AlertsSettings settings, DeviceConfigCache configs, IDeviceActivity activity, ISmsSender sms, TimeProvider clock, TopologyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(metrics);
        var timing = metrics.Stage("time");
        var loading = metrics.Stage("loader");
        var notify = new AlarmNotifySettings(settings.AlertsTopic, settings.DeadLettersTopic, settings.SendSms, settings.RetryFirstBackoff, settings.RetryMaxBackoff, settings.SmsParallelism);
        var delivery = new AlertDelivery(sms, notify, TopologyName, clock);
        var recorded = new RecordedTimes();
        var ends = new PendingEnds(activity, settings.RetryFirstBackoff, settings.RetryMaxBackoff);
        var pending = new PendingSilences(activity, settings.RetryFirstBackoff, settings.RetryMaxBackoff);
        var resolution = TimeSpan.FromTicks(Math.Min(settings.SeenResolution.Ticks, settings.Silence.Ticks / 10));
        return Flow.FromGraph(GraphDsl.Create(builder =>
        {
            var time = builder.Add(Grouping.Groups<CommittableMessage>()
                .Select(metrics.Stage("parse").TimedBatch((List<CommittableMessage> group) => group.ConvertAll(m => Parse(m, settings, clock))))
                .Named("parse")
                .Select(group =>
                {
                    timing.CountIn(group.Count);
                    return group;
                })
                .BatchWeighted(settings.SeenBatch, group => group.Count, group => group, (batch, group) =>
                {
                    batch.AddRange(group);
                    return batch;
                })
                .SelectAsync(1, timing.TimedOnlyAsync((List<(CommittableMessage, Reading?, ProducerRecord?)> batch) => RecordSeen(batch, activity, recorded, ends, resolution, settings, clock)))
                .Select(entries =>
                {
                    timing.CountOut(entries.Count);
                    return entries;
                })
                .SelectMany(entries => entries)
                .Named("time"));
            var loader = builder.Add(Source.Tick(settings.LoaderInterval, settings.LoaderInterval, NotUsed.Instance)
                .Select(loading.Entering)
                .SelectAsync(1, loading.TimedOnlyAsync((NotUsed _) => FindSilent(activity, pending, settings, clock)))
                .SelectMany(entries => entries)
                .Select(loading.Leaving)
                .Named("loader"));
            var merge = builder.Add(new Merge<TimedEntry>(2, eagerComplete: true));
            var notifyStage = builder.Add(Flow.Create<TimedEntry>()
                .SelectValueAsync(settings.LookupParallelism, metrics.Stage("info").TimedValueAsync((TimedEntry e) => Info(e, configs, settings)))
                .Named("info")
                .SelectValueAsync(settings.NotifyWindow, metrics.Stage("notify").TimedValueAsync(((TimedEntry Entry, IReadOnlyList<Alert> Alerts) p) =>
                    Notify(p.Entry, p.Alerts, delivery, pending, ends)))
                .Named("notify"));

            builder.From(time).To(merge.In(0));
            builder.From(loader).To(merge.In(1));
            builder.From(merge.Out).To(notifyStage.Inlet);
            return new FlowShape<CommittableMessage, ProducerEnvelope<CommittableOffset>>(time.Inlet, notifyStage.Outlet);
        })).Named(TopologyName);
    }

    private static (CommittableMessage, Reading?, ProducerRecord?) Parse(CommittableMessage message, AlertsSettings settings, TimeProvider clock)
    {
        try
        {
            return (message, ReadingJson.Deserialize(message.Record.Value), null);
        }
        catch (JsonException e)
        {
            return (message, null, NotAReading.DeadLetter(message.Record, settings.DeadLettersTopic, TopologyName, e, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }

    private static async Task<IReadOnlyList<TimedEntry>> RecordSeen(
        List<(CommittableMessage Message, Reading? Reading, ProducerRecord? DeadLetter)> batch, IDeviceActivity activity, RecordedTimes recorded,
        PendingEnds ends, TimeSpan resolution, AlertsSettings settings, TimeProvider clock)
    {
        // A reading close behind what this worker recorded last cannot end a silence: the store keeps that time.
        var seen = recorded.ToRecord(batch.Select(e => e.Reading).OfType<Reading>(), resolution);

        var ended = new Dictionary<int, List<SilenceEnded>>();
        if (seen.Count > 0)
        {
            // A device the loader reported stays reported until its newest reading is within the silence of now again:
            // the readings of a backlog measured during the silence lift no mark, so the loader, which judges by the same
            // measure, does not report the silence again while they come in, however they are batched. What a reading
            // ended is held in the store until its alert is delivered, so a replay after a crash raises it again.
            var silentBeforeMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)settings.Silence.TotalMilliseconds;
            var outcome = await Retry(() => activity.RecordSeenEndingSilences(seen, settings.Silence, silentBeforeMs), settings).ConfigureAwait(false);
            recorded.Remember(outcome.Changes);
            var taken = outcome.Ended.Count == 0 ? [] : ends.Take(outcome.Ended);
            if (taken.Count > 0)
            {
                var first = FirstPositions(batch);
                foreach (var end in taken)
                {
                    var index = first[(end.DeviceId, end.TimeMs)];
                    ended.TryAdd(index, []);
                    ended[index].Add(end);
                }
            }
        }

        return [.. batch.Select((e, i) => ended.TryGetValue(i, out var raised)
            ? new TimedEntry(e.Message.Offset, e.Message.Record.Source, e.DeadLetter, [.. raised.Select(end => Restored(batch[i].Reading!, end, settings))], Ended: raised)
            : new TimedEntry(e.Message.Offset, e.Message.Record.Source, e.DeadLetter, []))];
    }

    /// <summary>Where in the batch the first reading of each device and time is.</summary>
    private static Dictionary<(long DeviceId, long TimeMs), int> FirstPositions(List<(CommittableMessage Message, Reading? Reading, ProducerRecord? DeadLetter)> batch)
    {
        var positions = new Dictionary<(long, long), int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is { } reading)
            {
                positions.TryAdd((reading.DeviceId, reading.Time), i);
            }
        }

        return positions;
    }

    private static SilenceEvent Restored(Reading reading, SilenceEnded end, AlertsSettings settings) => new(
        AlertKind.CommunicationRestored,
        $"{AlertKind.CommunicationRestored}/{reading.Source}",
        reading.DeviceId,
        Math.Round((end.TimeMs - end.PreviousMs) / 60_000d),
        settings.Silence.TotalMinutes,
        reading.Time);

    private static async Task<IReadOnlyList<TimedEntry>> FindSilent(IDeviceActivity activity, PendingSilences pending, AlertsSettings settings, TimeProvider clock)
    {
        // The silences this worker is still reporting keep their marks.
        await pending.Renew().ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var silentSince = now - (long)settings.Silence.TotalMilliseconds;
        var found = await Retry(() => activity.FindNewlySilent(silentSince, settings.LoaderLimit), settings).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return [];
        }

        // One call id per call, kept by its retries: a retry of a call Redis applied answers as the call would have.
        var markCall = NewCallId();
        var marked = await Retry(() => activity.MarkSilent([.. found.Select(d => d.DeviceId)], markCall), settings).ConfigureAwait(false);

        // A reading may have come between the find and the mark: such a device is not silent, so take the mark back.
        var lastSeen = await Retry(() => activity.LastSeen(marked), settings).ConfigureAwait(false);
        var spoke = marked.Where(id => lastSeen.TryGetValue(id, out var seen) && seen >= silentSince).ToList();
        var unmarkCall = NewCallId();
        var unmarked = spoke.Count == 0 ? [] : await Retry(() => activity.ClearSilent(spoke, unmarkCall), settings).ConfigureAwait(false);
        return [.. marked.Except(unmarked).Select(id =>
        {
            var since = lastSeen.TryGetValue(id, out var seen) ? seen : found.First(d => d.DeviceId == id).TimeMs;
            var silence = new SilenceEvent(
                AlertKind.NoCommunication, $"{AlertKind.NoCommunication}/{id}/{since}", id, Math.Round((now - since) / 60_000d), settings.Silence.TotalMinutes, now);
            return new TimedEntry(LoaderOffset.Offset, $"{TopologyName}-loader/{id}", null, [silence], pending.Add(id, markCall));
        })];
    }

    /// <summary>
    /// Delivers the entry's alerts; a silence the loader marked, or the silences a reading ended, are then confirmed, so
    /// they are not reported again.
    /// </summary>
    private static async ValueTask<ProducerEnvelope<CommittableOffset>> Notify(
        TimedEntry entry, IReadOnlyList<Alert> alerts, AlertDelivery delivery, PendingSilences pending, PendingEnds ends)
    {
        var envelope = await delivery.Envelope(entry.Offset, entry.Source, entry.DeadLetter, alerts).ConfigureAwait(false);
        if (entry.Mark is { } mark)
        {
            await pending.Confirm(mark).ConfigureAwait(false);
        }

        if (entry.Ended is { Count: > 0 } ended)
        {
            await ends.Confirm(ended).ConfigureAwait(false);
        }

        return envelope;
    }

    private static async ValueTask<(TimedEntry Entry, IReadOnlyList<Alert> Alerts)> Info(TimedEntry entry, DeviceConfigCache configs, AlertsSettings settings)
    {
        if (entry.Events.Count == 0)
        {
            return (entry, []);
        }

        var alerts = new List<Alert>(entry.Events.Count);
        foreach (var e in entry.Events)
        {
            var config = await AlarmReadings.ConfigOf(e.DeviceId, configs, settings.RetryFirstBackoff, settings.RetryMaxBackoff).ConfigureAwait(false);
            var contact = config?.Contact ?? new AlertDevice(null, null, null);
            alerts.Add(new Alert(
                e.AlertId, e.Kind, e.DeviceId, e.Minutes, e.LimitMinutes, e.TimeMs, contact,
                SmsText.For(e.Kind, e.DeviceId, contact.Name, e.Minutes, e.LimitMinutes, e.TimeMs)));
        }

        return (entry, alerts);
    }

    private static string NewCallId() => Guid.NewGuid().ToString("N");

    private static Task<T> Retry<T>(Func<Task<T>> call, AlertsSettings settings) =>
        Backoff.UntilDone(call, e => e is StateUnavailableException, settings.RetryFirstBackoff, settings.RetryMaxBackoff);
}
