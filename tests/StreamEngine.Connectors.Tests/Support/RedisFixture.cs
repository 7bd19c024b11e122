using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Support;

/// <summary>One private redis-server for the Redis tests of a collection; each test keeps to its own key prefix.</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisServer Server { get; } = RedisServer.Start();

    public static string NewKeyPrefix(string purpose) => $"test:{purpose}:{Guid.NewGuid():N}:";

    public void Dispose() => Server.Dispose();
}
