namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The silent mark that a loader or silence check set on a device under <see cref="CallId"/>, carried with the alert
/// it raised, so that it is confirmed once that alert is delivered (<see cref="PendingSilences"/>).
/// </summary>
internal sealed record SilenceMark(long DeviceId, string CallId);
