namespace StreamEngine.Abstractions.Registry;

/// <summary>The id and the clear token of a device or gateway just created: the only moment the token is seen in clear.</summary>
public sealed record IssuedCredentials(long Id, string Token);
