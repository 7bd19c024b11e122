namespace StreamEngine.EndToEnd.Tests;

/// <summary>A node whose topology journal is configured wrong stops at start, with exit code 1, and says what to set.</summary>
public sealed class JournalSettingsSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-settings-").FullName;

    [Theory]
    [InlineData("MySql", "Server=db", "Cluster:JournalProvider is 'MySql'; allowed: SQLite.MS (the default: a SQLite file) or PostgreSQL")]
    [InlineData("postgres", "Host=db", "Cluster:JournalProvider is 'postgres'; allowed: SQLite.MS (the default: a SQLite file) or PostgreSQL")]
    [InlineData("PostgreSQL", "", "Cluster:JournalConnectionString is empty; with Cluster:JournalProvider PostgreSQL set it")]
    public async Task A_node_with_a_journal_it_cannot_use_stops_at_start_saying_what_was_wrong_and_what_is_allowed(
        string provider, string connectionString, string said)
    {
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={FreePorts.Consecutive(3)}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_folder, "engine.db")}",
            $"--Cluster:JournalProvider={provider}", $"--Cluster:JournalConnectionString={connectionString}");

        await engine.WaitForExit(Patience);
        Assert.Equal(1, engine.ExitCode);
        Assert.Contains($"streamengine stopped: {said}", engine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cluster node", engine.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
