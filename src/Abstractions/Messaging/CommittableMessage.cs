namespace StreamEngine.Abstractions.Messaging;

/// <summary>A consumed record together with the offset to commit once every effect of it is durable.</summary>
public sealed record CommittableMessage(ConsumedRecord Record, CommittableOffset Offset);
