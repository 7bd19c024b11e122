namespace StreamEngine.Topologies.Alarms;

/// <summary>Where the alarm topologies send what they find, and how they wait out an unavailable SMS provider or state store.</summary>
internal sealed record AlarmNotifySettings(
    string AlertsTopic, string DeadLettersTopic, bool SendSms, TimeSpan RetryFirstBackoff, TimeSpan RetryMaxBackoff);
