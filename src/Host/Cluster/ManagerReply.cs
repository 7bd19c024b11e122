namespace StreamEngine.Host.Cluster;

/// <summary>The manager's answer to a command: how it went, and a sentence a person can act on.</summary>
public sealed record ManagerReply(ManagerOutcome Outcome, string Message);
