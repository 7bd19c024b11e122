namespace StreamEngine.Host.Admin;

/// <summary>The answer to creating a gateway (appendix D): its id and its clear token (<c>auth</c>, shown only now).</summary>
public sealed record CreatedGateway(long Id, string Auth);
