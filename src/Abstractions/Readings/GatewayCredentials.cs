namespace StreamEngine.Abstractions.Readings;

/// <summary>The gateway's identity as it claims it in a report; checked by the authentication topology.</summary>
public sealed record GatewayCredentials(long Id, string Auth);
