namespace StreamEngine.Topologies.Alerts;

/// <summary>A device fell silent or spoke again: the alert kind, its id, minutes of silence, the limit in minutes, and when.</summary>
internal sealed record SilenceEvent(string Kind, string AlertId, long DeviceId, double Minutes, double LimitMinutes, long TimeMs);
