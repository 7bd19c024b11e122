using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Rules;

/// <summary>
/// A <c>rule</c>: a declarative alert topology built from a <see cref="RuleDefinition"/>, shaped like the thresholds
/// topology: parse → config (cached per device) → condition (the device filter on the device's registry config, then
/// the condition; a <c>silence</c> rule also takes a check every <see cref="RuleSettings.SilenceCheckInterval"/>) →
/// cooldown (claimed in the shared state per device and alert kind, so that a replay, a restart or a second worker never
/// alerts twice within the rule's cooldown) → notify (SMS to the owner's phone and to the rule's fixed phones, the
/// alert to the alerts topic, as the recipients say) → the reading's offset passed on. A record that is not a reading
/// becomes a dead letter, and so does an SMS the provider refuses for good; a reading of a device the rule does not
/// watch (not registered, inactive, or not matching the filter) only passes its offset on. The state store, the
/// registry and the SMS provider being unavailable only delays: each is retried with backoff, nothing is dropped.
/// </summary>
/// <remarks>
/// The windows are measured on reading times, except silence, which is the check's clock against the newest reading's
/// time. A <c>for</c> window is kept by the worker that owns the device (Kafka keys readings by device id) and in the
/// shared state (<see cref="IRuleWindows"/>), which the next owner reads when the device first comes to it. A
/// <c>silence</c> rule keeps its devices' last-seen times and silent marks in its own shared activity
/// (<see cref="IRuleWindows.Activity"/>), and every worker's check looks at all of them: a device that falls silent
/// while its partition moves is still reported, once. So both survive a rebalance, a restart and a node's death. A
/// <c>rise-rate</c> window lives in the worker only and starts again from the readings consumed next after a move. A
/// device that stops being watched is forgotten by the worker that held it; had it moved to another worker first, what
/// the shared state holds of it stays and counts again once the device is watched again. A device the rule never saw is
/// never reported silent. The cooldown is in the shared state too. The flow completes when its input does.
/// </remarks>
public static class RuleTopology
{
    /// <summary>
    /// The flow of the rule named <paramref name="name"/> (the definition's name: it prefixes alert ids and names the
    /// stages and dead letters), over the shared device configs, cooldowns and SMS sender that the alarm topologies use.
    /// </summary>
    /// <param name="name">The definition's name.</param>
    /// <param name="rule">What to watch for and whom to tell.</param>
    /// <param name="settings">Topics, parallelism, retries and the silence check's interval.</param>
    /// <param name="configs">The devices' configs, for the filter and the contacts.</param>
    /// <param name="cooldowns">The shared cooldowns.</param>
    /// <param name="windows">The shared <c>for</c> windows, and a silence rule's own last-seen times and silent marks.</param>
    /// <param name="sms">Where SMS go.</param>
    /// <param name="clock">The clock of the silence check, the alerts and the dead letters.</param>
    /// <param name="metrics">Counts the stages <c>parse</c>, <c>config</c>, <c>condition</c>, <c>cooldown</c> and <c>notify</c>.</param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        string name, RuleDefinition rule, RuleSettings settings, DeviceConfigCache configs, IAlertCooldowns cooldowns, IRuleWindows windows,
        ISmsSender sms, TimeProvider clock, TopologyMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(cooldowns);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(metrics);
        var condition = metrics.Stage("condition");
        var notify = new AlarmNotifySettings(
            settings.AlertsTopic, settings.DeadLettersTopic, rule.Recipients.Owner, settings.RetryFirstBackoff, settings.RetryMaxBackoff,
            settings.SmsParallelism, rule.Recipients.AlertsTopic, rule.Recipients.Phones);
        var delivery = new AlertDelivery(sms, notify, name, clock, cooldowns);
        var silences = rule.Condition is SilenceCondition
            ? new PendingSilences(windows.Activity(name), settings.RetryFirstBackoff, settings.RetryMaxBackoff)
            : null;
        var readings = Flow.Create<CommittableMessage>()
            .Select(metrics.Stage("parse").Timed((CommittableMessage m) => AlarmReadings.Parse(m, settings.DeadLettersTopic, name, clock)))
            .Named("parse")
            .SelectValueAsync(settings.LookupParallelism, metrics.Stage("config").TimedValueAsync((ConfiguredReading r) =>
                AlarmReadings.WithConfig(r, configs, settings.RetryFirstBackoff, settings.RetryMaxBackoff)))
            .Named("config")
            .Select(Option<ConfiguredReading>.Create);

        // A silence shows without any reading: the check ticks in among the readings, as the alerts topology's loader.
        var input = rule.Condition is SilenceCondition
            ? readings.Merge(
                Source.Tick(settings.SilenceCheckInterval, settings.SilenceCheckInterval, Option<ConfiguredReading>.None)
                    .MapMaterializedValue(_ => NotUsed.Instance)
                    .Named("silence-check"),
                eagerComplete: true)
            : readings;
        return input
            .Select(condition.Entering)
            .Via(Flow.Setup<Option<ConfiguredReading>, IReadOnlyList<RuleOutcome>, NotUsed>((_, _) =>
            {
                // One evaluator per materialization, called one element at a time.
                var evaluator = new RuleEvaluator(name, rule, windows, silences, configs, clock, settings.RetryFirstBackoff, settings.RetryMaxBackoff);
                return Flow.Create<Option<ConfiguredReading>>().SelectAsync(1, async r => r.HasValue
                    ? [await evaluator.OnReading(r.Value).ConfigureAwait(false)]
                    : await evaluator.OnSilenceCheck(clock.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false));
            }).MapMaterializedValue(_ => NotUsed.Instance))
            .SelectMany(outcomes => outcomes)
            .Select(condition.Leaving)
            .Named("condition")
            .SelectAsync(1, metrics.Stage("cooldown").TimedAsync((RuleOutcome o) => Claim(o, cooldowns, rule.Cooldown, settings)))
            .Named("cooldown")
            .SelectValueAsync(settings.NotifyWindow, metrics.Stage("notify").TimedValueAsync((RuleOutcome o) =>
                Notify(o, delivery, rule.Cooldown, silences)))
            .Named("notify")
            .Named(name);
    }

    /// <summary>
    /// Delivers the outcome's alert; a silence the check marked is then confirmed, also when its cooldown dropped the
    /// alert, so that it is not reported again.
    /// </summary>
    private static async ValueTask<ProducerEnvelope<CommittableOffset>> Notify(
        RuleOutcome outcome, AlertDelivery delivery, TimeSpan cooldown, PendingSilences? silences)
    {
        var envelope = await delivery.Envelope(outcome.Offset, outcome.Source, outcome.DeadLetter, outcome.Alert is { } a ? [a] : [], cooldown)
            .ConfigureAwait(false);
        if (outcome.Mark is { } mark && silences is not null)
        {
            await silences.Confirm(mark).ConfigureAwait(false);
        }

        return envelope;
    }

    private static async Task<RuleOutcome> Claim(RuleOutcome outcome, IAlertCooldowns cooldowns, TimeSpan cooldown, RuleSettings settings)
    {
        if (outcome.Alert is not { } alert)
        {
            return outcome;
        }

        var granted = await Backoff.UntilDone(
            () => cooldowns.TryClaim(new CooldownClaim(alert.DeviceId, alert.Kind, cooldown, alert.AlertId)),
            e => e is StateUnavailableException, settings.RetryFirstBackoff, settings.RetryMaxBackoff).ConfigureAwait(false);
        return granted ? outcome : outcome with { Alert = null };
    }
}
