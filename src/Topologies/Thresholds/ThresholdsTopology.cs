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
/// <remarks>
/// Readings go through the stages up to info in groups (<see cref="Grouping"/>); each stage counts and times every
/// reading of a group. Notify takes them one by one again, in order.
/// </remarks>
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
            var parse = builder.Add(Grouping.Groups<CommittableMessage>()
                .Select(metrics.Stage("parse").TimedBatch((List<CommittableMessage> group) =>
                    group.ConvertAll(m => AlarmReadings.Parse(m, settings.DeadLettersTopic, TopologyName, clock))))
                .Named("parse")
                .SelectValueAsync(settings.LookupParallelism, metrics.Stage("config").TimedBatchValueAsync((List<ConfiguredReading> group) =>
                    WithConfigs(group, configs, settings)))
                .Named("config"));
            var fork = builder.Add(new Broadcast<List<ConfiguredReading>>(2));
            var temperature = builder.Add(Flow.Create<List<ConfiguredReading>>()
                .Select(metrics.Stage("temperature").TimedBatch((List<ConfiguredReading> group) => (group, Check(group, TemperatureBreach))))
                .Named("temperature"));
            var battery = builder.Add(Flow.Create<List<ConfiguredReading>>()
                .Select(metrics.Stage("battery").TimedBatch((List<ConfiguredReading> group) => Check(group, BatteryBreach)))
                .Named("battery"));
            var join = builder.Add(ZipWith.Apply<(List<ConfiguredReading> Group, Breach?[] Temperature), Breach?[], List<CheckedReading>>(Join));
            var cooldown = metrics.Stage("cooldown");
            var alert = builder.Add(Flow.Create<List<CheckedReading>>()
                .Select(group =>
                {
                    cooldown.CountIn(group.Count);
                    return group;
                })
                .BatchWeighted(settings.ClaimBatch, group => group.Count, group => group, (batch, group) =>
                {
                    batch.AddRange(group);
                    return batch;
                })
                .SelectAsync(1, cooldown.TimedOnlyAsync((List<CheckedReading> batch) => Claim(batch, cooldowns, settings)))
                .Select(batch =>
                {
                    cooldown.CountOut(batch.Count);
                    return batch;
                })
                .Named("cooldown")
                .Select(metrics.Stage("info").TimedBatch((List<CheckedReading> batch) => batch.ConvertAll(Info)))
                .SelectMany(batch => batch)
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

    /// <summary>Gives each reading of the group its device's config; the cache answers at once for every known device.</summary>
    private static async ValueTask<List<ConfiguredReading>> WithConfigs(List<ConfiguredReading> group, DeviceConfigCache configs, ThresholdsSettings settings)
    {
        for (var i = 0; i < group.Count; i++)
        {
            var pending = AlarmReadings.WithConfig(group[i], configs, settings.RetryFirstBackoff, settings.RetryMaxBackoff);
            group[i] = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        }

        return group;
    }

    /// <summary>The limit each reading of the group crossed, by its place in the group; null where it crossed none.</summary>
    private static Breach?[] Check(List<ConfiguredReading> group, Func<Reading, DeviceConfig, Breach?> breach)
    {
        var found = new Breach?[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i] is { Reading: { } reading, Config: { Active: true } config })
            {
                found[i] = breach(reading, config);
            }
        }

        return found;
    }

    private static Breach? TemperatureBreach(Reading reading, DeviceConfig config)
    {
        if (config.MaxTemperature is { } max && reading.Temp > max)
        {
            return new Breach(AlertKind.TemperatureHigh, reading.Temp, max);
        }

        return config.MinTemperature is { } min && reading.Temp < min ? new Breach(AlertKind.TemperatureLow, reading.Temp, min) : null;
    }

    private static Breach? BatteryBreach(Reading reading, DeviceConfig config) =>
        reading.Batt < config.MinBattery ? new Breach(AlertKind.BatteryLow, reading.Batt, config.MinBattery) : null;

    private static List<CheckedReading> Join((List<ConfiguredReading> Group, Breach?[] Temperature) temperature, Breach?[] battery)
    {
        var joined = new List<CheckedReading>(temperature.Group.Count);
        for (var i = 0; i < temperature.Group.Count; i++)
        {
            joined.Add(new CheckedReading(temperature.Group[i], Breaches(temperature.Temperature[i], battery[i])));
        }

        return joined;
    }

    private static IReadOnlyList<Breach> Breaches(Breach? temperature, Breach? battery) =>
        (temperature, battery) switch
        {
            (null, null) => [],
            ({ } t, null) => [t],
            (null, { } b) => [b],
            ({ } t, { } b) => [t, b],
        };

    private static async Task<List<CheckedReading>> Claim(List<CheckedReading> batch, IAlertCooldowns cooldowns, ThresholdsSettings settings)
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
        var claimed = new List<CheckedReading>(batch.Count);
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

            claimed.Add(held.Count == batch[i].Breaches.Count ? batch[i] : batch[i] with { Breaches = held });
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
