namespace StreamEngine.Host.Admin;

/// <summary>The outcome of checking a bearer JWT: the subject when valid, else what was wrong.</summary>
public sealed record TokenCheck(string? Subject, string? Error)
{
    public bool IsValid => Subject is not null;

    public static TokenCheck Valid(string subject) => new(subject, null);

    public static TokenCheck Invalid(string error) => new(null, error);
}
