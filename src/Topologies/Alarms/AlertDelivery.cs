using System.Text;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The notify stage of the alarm topologies: texts the alert to the device's phone (when it has one and SMS is on) and
/// to the fixed phones of the settings, and returns the records to write: the alert to the alerts topic (when the
/// settings want it, or when it reached no phone at all, so that an alert is never dropped unseen), and a dead letter
/// for each SMS the provider refused for good. While the provider is unavailable it backs off and tries again, never
/// dropping the alert; when the alert holds a cooldown claim and no SMS of it went out yet, the claim is given back
/// during the wait and taken again before the next try (once one went out, the alert is under way and keeps its claim),
/// and it is confirmed once every phone was answered: a crash before that leaves the alert to a replay instead of
/// losing it. At most <see cref="AlarmNotifySettings.SmsParallelism"/> SMS are being sent at once, by all the records
/// under way together: a slow SMS holds up the offset of its own record (and, in order, those behind it), never the
/// sending of the others.
/// </summary>
#pragma warning disable CA1001 // Its SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, which it never is.
internal sealed class AlertDelivery(
    ISmsSender sms, AlarmNotifySettings settings, string topology, TimeProvider clock, IAlertCooldowns? cooldowns = null)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _sending = new(settings.SmsParallelism);

    /// <summary>
    /// The envelope of one consumed record: its dead letter when it has one, else the records of its alerts, delivered
    /// one after the other, with its offset; only the offset when it raised none.
    /// </summary>
    public async ValueTask<ProducerEnvelope<CommittableOffset>> Envelope(
        CommittableOffset offset, string source, ProducerRecord? deadLetter, IReadOnlyList<Alert> alerts, TimeSpan cooldown = default)
    {
        if (deadLetter is not null)
        {
            return ProducerEnvelope.Of(deadLetter, offset);
        }

        if (alerts.Count == 0)
        {
            return ProducerEnvelope.PassThrough(offset);
        }

        var records = new List<ProducerRecord>();
        foreach (var alert in alerts)
        {
            records.AddRange(await Deliver(alert, source, cooldown).ConfigureAwait(false));
        }

        return ProducerEnvelope.OfMany(records, offset);
    }

    private async Task<IReadOnlyList<ProducerRecord>> Deliver(Alert alert, string source, TimeSpan cooldown)
    {
        var phones = Phones(alert);
        var records = new List<ProducerRecord>(2);
        if (settings.ToAlertsTopic || phones.Count == 0)
        {
            records.Add(Record(alert));
        }

        var sent = 0;
        foreach (var phone in phones)
        {
            var message = new SmsMessage(phone, alert.Text, alert.AlertId);
            var delay = settings.RetryFirstBackoff;
            while (true)
            {
                SmsResult result;
                try
                {
                    result = await Send(message).ConfigureAwait(false);
                }
                catch (SmsUnavailableException)
                {
                    if (sent > 0)
                    {
                        await Task.Delay(delay).ConfigureAwait(false);
                    }
                    else if (!await WaitHoldingNoClaim(alert, delay, cooldown).ConfigureAwait(false))
                    {
                        // Another reading of this device took the cooldown meanwhile and sent its alert.
                        return [];
                    }

                    delay = Backoff.Next(delay, settings.RetryMaxBackoff);
                    continue;
                }

                if (result is SmsRejected rejected)
                {
                    records.Add(DeadLetterOf(alert, source, phone, rejected));
                }

                sent++;
                break;
            }
        }

        await Confirm(alert).ConfigureAwait(false);
        return records;
    }

    private async Task<SmsResult> Send(SmsMessage message)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            return await sms.Send(message).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    private List<string> Phones(Alert alert)
    {
        var phones = new List<string>(1 + (settings.Phones?.Count ?? 0));
        if (settings.SendSms && alert.Device.Phone is { } own)
        {
            phones.Add(own);
        }

        foreach (var phone in settings.Phones ?? [])
        {
            if (!phones.Contains(phone, StringComparer.Ordinal))
            {
                phones.Add(phone);
            }
        }

        return phones;
    }

    private async Task<bool> WaitHoldingNoClaim(Alert alert, TimeSpan delay, TimeSpan cooldown)
    {
        if (cooldowns is null)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            return true;
        }

        await Retry(() => cooldowns.Release(alert.DeviceId, alert.Kind, alert.AlertId)).ConfigureAwait(false);
        await Task.Delay(delay).ConfigureAwait(false);
        return await Retry(() => cooldowns.TryClaim(new CooldownClaim(alert.DeviceId, alert.Kind, cooldown, alert.AlertId))).ConfigureAwait(false);
    }

    private async Task Confirm(Alert alert)
    {
        if (cooldowns is not null)
        {
            await Retry(() => cooldowns.Confirm(alert.DeviceId, alert.Kind, alert.AlertId)).ConfigureAwait(false);
        }
    }

    private Task<bool> Retry(Func<Task<bool>> call) =>
        Backoff.UntilDone(call, e => e is StateUnavailableException, settings.RetryFirstBackoff, settings.RetryMaxBackoff);

    private ProducerRecord Record(Alert alert) =>
        new(settings.AlertsTopic, Encoding.UTF8.GetBytes(alert.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), AlertJson.Serialize(alert));

    private ProducerRecord DeadLetterOf(Alert alert, string source, string phone, SmsRejected rejected)
    {
        var letter = new DeadLetter(
            source,
            topology,
            DeadLetterReason.SmsRejected,
            $"the SMS provider refused the {alert.Kind} alert for device {alert.DeviceId} to {phone} with code {rejected.Code}: {rejected.Message}; "
            + $"it is not retried: correct the device's phone (PUT /api/v1/admin/devices/{alert.DeviceId}/config) or the recipient's opt-out",
            Encoding.UTF8.GetString(AlertJson.Serialize(alert)),
            clock.GetUtcNow().ToUnixTimeMilliseconds());
        var topic = source.Split('/')[0];
        return new ProducerRecord(settings.DeadLettersTopic, Encoding.UTF8.GetBytes(topic), DeadLetterJson.Serialize(letter));
    }
}
