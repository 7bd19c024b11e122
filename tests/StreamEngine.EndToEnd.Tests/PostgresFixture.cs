using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>One private PostgreSQL server for the tests of a collection; each test keeps to a database of its own.</summary>
public sealed class PostgresFixture : IDisposable
{
    public PostgresServer Server { get; } = PostgresServer.Start();

    /// <summary>Creates a database no other test uses and returns its connection string.</summary>
    public Task<string> NewDatabase(string purpose) => Server.CreateDatabase($"{purpose}_{Guid.NewGuid():N}");

    public void Dispose() => Server.Dispose();
}
