namespace StreamEngine.Host.Admin;

/// <summary>The answer to GET /api/v1/admin/token: whose valid token it is.</summary>
public sealed record TokenSubject(string Subject);
