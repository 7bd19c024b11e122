namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// Where the alarm topologies send what they find, and how they wait out an unavailable SMS provider or state store.
/// <paramref name="SendSms"/> texts the device's own phone; <paramref name="Phones"/> (none by default) are texted
/// every alert too; <paramref name="ToAlertsTopic"/> (default true) writes the alert to <paramref name="AlertsTopic"/>.
/// <paramref name="SmsParallelism"/> SMS are being sent at once at most, whatever the readings waiting behind them.
/// </summary>
internal sealed record AlarmNotifySettings(
    string AlertsTopic,
    string DeadLettersTopic,
    bool SendSms,
    TimeSpan RetryFirstBackoff,
    TimeSpan RetryMaxBackoff,
    int SmsParallelism,
    bool ToAlertsTopic = true,
    IReadOnlyList<string>? Phones = null);
