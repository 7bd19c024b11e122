using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Thresholds;

/// <summary>
/// The thresholds topology as the thesis draws it (figure 7.4): parse → config (cached per device) → temperature check
/// ∥ battery check → cooldown (claimed in the shared state, one batch per group of readings, so that a replay, a
/// restart or a second worker never alerts twice within <see cref="ThresholdsSettings.Cooldown"/>) → info (name, owner,
/// phone) → notify (SMS, and the alert to the alerts topic) → the reading's offset passed on. A record that is not a
/// reading becomes a dead letter, and so does an SMS the provider refuses for good. The state store, the registry and
/// the SMS provider being unavailable only delays: each is retried with backoff, nothing is dropped.
/// </summary>
public static class ThresholdsTopology
{
    public const string TopologyName = "thresholds";

    /// <param name="settings">Limits, cooldown, parallelism, retries and the output topics.</param>
    /// <param name="configs">The devices' thresholds and contacts.</param>
    /// <param name="cooldowns">The shared cooldown claims.</param>
    /// <param name="sms">Where SMS go.</param>
    /// <param name="clock">The clock of the alerts and dead letters.</param>
    /// <param name="metrics">
    /// Counts the stages <c>parse</c>, <c>config</c>, <c>temperature</c>, <c>battery</c>, <c>cooldown</c> (readings in
    /// and out, the latency of one claim per batch), <c>info</c> and <c>notify</c>.
    /// </param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        ThresholdsSettings settings, DeviceConfigCache configs, IAlertCooldowns cooldowns, ISmsSender sms, TimeProvider clock, TopologyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(cooldowns);
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(metrics);
        var notify = new AlarmNotifySettings(settings.AlertsTopic, settings.DeadLettersTopic, settings.SendSms, settings.RetryFirstBackoff, settings.RetryMaxBackoff, settings.SmsParallelism);
        var delivery = new AlertDelivery(sms, notify, TopologyName, clock, cooldowns);
        return Flow.FromGraph(GraphDsl.Create(builder =>
        {
            var parse = builder.Add(Flow.Create<CommittableMessage>()
                .Select(metrics.Stage("parse").Timed((CommittableMessage m) => AlarmReadings.Parse(m, settings.DeadLettersTopic, TopologyName, clock)))
                .Named("parse")
                .SelectValueAsync(settings.LookupParallelism, metrics.Stage("config").TimedValueAsync((ConfiguredReading r) => AlarmReadings.WithConfig(r, configs, settings.RetryFirstBackoff, settings.RetryMaxBackoff)))
                .Named("config"));
            var fork = builder.Add(new Broadcast<ConfiguredReading>(2));
            var temperature = builder.Add(Flow.Create<ConfiguredReading>()
                .Select(metrics.Stage("temperature").Timed<ConfiguredReading, (ConfiguredReading, Option<Breach>)>(CheckTemperature))
                .Named("temperature"));
            var battery = builder.Add(Flow.Create<ConfiguredReading>()
                .Select(metrics.Stage("battery").Timed<ConfiguredReading, Option<Breach>>(CheckBattery))
                .Named("battery"));
            var join = builder.Add(ZipWith.Apply<(ConfiguredReading Entry, Option<Breach> Breach), Option<Breach>, CheckedReading>(
                (t, b) => new CheckedReading(t.Entry, Breaches(t.Breach, b))));
            var cooldown = metrics.Stage("cooldown");
            var alert = builder.Add(Flow.Create<CheckedReading>()
                .Select(cooldown.Entering)
                .Batch(settings.ClaimBatch, r => new List<CheckedReading> { r }, (batch, r) =>
                {
                    batch.Add(r);
                    return batch;
                })
                .SelectAsync(1, cooldown.TimedOnlyAsync((List<CheckedReading> batch) => Claim(batch, cooldowns, settings)))
                .SelectMany(batch => batch)
                .Select(cooldown.Leaving)
                .Named("cooldown")
                .Select(metrics.Stage("info").Timed<CheckedReading, (ConfiguredReading Entry, IReadOnlyList<Alert> Alerts)>(Info))
                .Named("info")
                .SelectValueAsync(settings.NotifyWindow, metrics.Stage("notify").TimedValueAsync(((ConfiguredReading Entry, IReadOnlyList<Alert> Alerts) r) =>
                    delivery.Envelope(r.Entry.Offset, r.Entry.Source, r.Entry.DeadLetter, r.Alerts, settings.Cooldown)))
                .Named("notify"));

            builder.From(parse).To(fork);
            builder.From(fork.Out(0)).Via(temperature).To(join.In0);
            builder.From(fork.Out(1)).Via(battery).To(join.In1);
            builder.From(join.Out).To(alert.Inlet);
            return new FlowShape<CommittableMessage, ProducerEnvelope<CommittableOffset>>(parse.Inlet, alert.Outlet);
        })).Named(TopologyName);
    }

    /// <summary>The alert id of a breach: the same for the same reading and kind, so a replay claims and reports under one id.</summary>
    public static string AlertId(string kind, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return $"{kind}/{reading.Source}";
    }

    private static (ConfiguredReading, Option<Breach>) CheckTemperature(ConfiguredReading entry)
    {
        if (entry is not { Reading: { } reading, Config: { Active: true } config })
        {
            return (entry, Option<Breach>.None);
        }

        if (config.MaxTemperature is { } max && reading.Temp > max)
        {
            return (entry, new Breach(AlertKind.TemperatureHigh, reading.Temp, max));
        }

        return config.MinTemperature is { } min && reading.Temp < min
            ? (entry, new Breach(AlertKind.TemperatureLow, reading.Temp, min))
            : (entry, Option<Breach>.None);
    }

    private static Option<Breach> CheckBattery(ConfiguredReading entry) =>
        entry is { Reading: { } reading, Config: { Active: true } config } && reading.Batt < config.MinBattery
            ? new Breach(AlertKind.BatteryLow, reading.Batt, config.MinBattery)
            : Option<Breach>.None;

    private static IReadOnlyList<Breach> Breaches(Option<Breach> temperature, Option<Breach> battery) =>
        (temperature.HasValue, battery.HasValue) switch
        {
            (false, false) => [],
            (true, false) => [temperature.Value],
            (false, true) => [battery.Value],
            _ => [temperature.Value, battery.Value],
        };

    private static async Task<IReadOnlyList<CheckedReading>> Claim(List<CheckedReading> batch, IAlertCooldowns cooldowns, ThresholdsSettings settings)
    {
        var claims = new List<CooldownClaim>();
        foreach (var checkedReading in batch)
        {
            foreach (var breach in checkedReading.Breaches)
            {
                var reading = checkedReading.Entry.Reading!;
                claims.Add(new CooldownClaim(reading.DeviceId, breach.Kind, settings.Cooldown, AlertId(breach.Kind, reading)));
            }
        }

        if (claims.Count == 0)
        {
            return batch;
        }

        var granted = await Backoff.UntilDone(
            () => cooldowns.TryClaimAll(claims), e => e is StateUnavailableException, settings.RetryFirstBackoff, settings.RetryMaxBackoff).ConfigureAwait(false);
        var claimed = new CheckedReading[batch.Count];
        var next = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var held = new List<Breach>(batch[i].Breaches.Count);
            foreach (var breach in batch[i].Breaches)
            {
                if (granted[next++])
                {
                    held.Add(breach);
                }
            }

            claimed[i] = batch[i] with { Breaches = held };
        }

        return claimed;
    }

    private static (ConfiguredReading Entry, IReadOnlyList<Alert> Alerts) Info(CheckedReading claimed)
    {
        if (claimed.Breaches.Count == 0)
        {
            return (claimed.Entry, []);
        }

        var reading = claimed.Entry.Reading!;
        var contact = claimed.Entry.Config!.Contact;
        var alerts = claimed.Breaches
            .Select(b => new Alert(
                AlertId(b.Kind, reading), b.Kind, reading.DeviceId, b.Value, b.Limit, reading.Time, contact,
                SmsText.For(b.Kind, reading.DeviceId, contact.Name, b.Value, b.Limit, reading.Time)))
            .ToList();
        return (claimed.Entry, alerts);
    }
}
