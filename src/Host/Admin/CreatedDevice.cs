namespace StreamEngine.Host.Admin;

/// <summary>The answer to creating a device (appendix D): its id, its clear token (<c>auth</c>, shown only now) and its state.</summary>
public sealed record CreatedDevice(long Id, string Auth, bool State);
