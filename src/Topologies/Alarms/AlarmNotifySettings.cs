namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// Where the alarm topologies send what they find, and how they wait out an unavailable SMS provider or state store.
/// <paramref name="SendSms"/> texts the device's own phone; <paramref name="Phones"/> (none by default) are texted
/// every alert too; <paramref name="ToAlertsTopic"/> (default true) writes the alert to <paramref name="AlertsTopic"/>.
/// </summary>
internal sealed record AlarmNotifySettings(
    string AlertsTopic,
    string DeadLettersTopic,
    bool SendSms,
    TimeSpan RetryFirstBackoff,
    TimeSpan RetryMaxBackoff,
    bool ToAlertsTopic = true,
    IReadOnlyList<string>? Phones = null);
