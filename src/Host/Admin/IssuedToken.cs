namespace StreamEngine.Host.Admin;

/// <summary>The answer to POST /api/v1/admin/token: the JWT and its lifetime in seconds.</summary>
public sealed record IssuedToken(string Token, int ExpiresIn);
