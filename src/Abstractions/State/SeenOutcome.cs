namespace StreamEngine.Abstractions.State;

/// <summary>
/// What recording reading times did (<see cref="IDeviceActivity.RecordSeenEndingSilences"/>): the last-seen change of
/// each device, in no particular order, and the readings that ended a silence.
/// </summary>
public sealed record SeenOutcome(IReadOnlyList<LastSeenChange> Changes, IReadOnlyList<SilenceEnded> Ended);
