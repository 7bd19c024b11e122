namespace StreamEngine.Host.Admin;

/// <summary>The body of every error answer.</summary>
public sealed record ErrorBody(string Error);
