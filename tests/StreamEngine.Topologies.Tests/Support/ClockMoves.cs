using Microsoft.Extensions.Time.Testing;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>Moving a spec's clock to a reading's time: only forward, since replayed readings arrive later than they were measured.</summary>
public static class ClockMoves
{
    public static void MoveForwardTo(this FakeTimeProvider clock, long unixMs)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        if (at > clock.GetUtcNow())
        {
            clock.SetUtcNow(at);
        }
    }
}
