namespace StreamEngine.Host.Tests.KairosDb;

/// <summary>A clock that always says <paramref name="now"/>, so relative query times are known.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
