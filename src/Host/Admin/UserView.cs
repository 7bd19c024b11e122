namespace StreamEngine.Host.Admin;

/// <summary>An admin as the API shows it: the name only (never the password hash).</summary>
public sealed record UserView(string Username);
