namespace StreamEngine.Abstractions.Messaging;

/// <summary>What a commit did: offsets taken, and offsets skipped because their partition had been revoked.</summary>
public readonly record struct CommitOutcome(int Committed, int SkippedRevoked);
