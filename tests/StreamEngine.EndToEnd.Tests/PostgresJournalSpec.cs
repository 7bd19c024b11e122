using System.Text.Json;
using Npgsql;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// The topology manager's journal in a real PostgreSQL (Cluster:JournalProvider = PostgreSQL): the deployed set
/// outlives the whole cluster there, as it does in SQLite (<see cref="ClusterSpec"/>).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresJournalSpec(PostgresFixture postgres) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] BuiltIns = ["authentication", "raw", "datapoints"];
    private readonly EngineStores _stores = new("postgres-journal");

    public Task InitializeAsync() => _stores.InitializeAsync();

    [Fact]
    public async Task After_a_whole_cluster_restart_on_a_PostgreSQL_journal_every_topology_runs_again_with_its_last_settings_and_parallelism()
    {
        var journal = TopologyJournal.PostgreSql(await postgres.NewDatabase("journal"));
        var cluster = await _stores.Cluster(1, BuiltIns, journal: journal);
        await cluster.AllRunning(BuiltIns, Patience);
        await cluster.ChangeDeployedSet(Patience);
        await cluster.DisposeAsync();

        Assert.Equal(
            [(1L, "TopologyDeployed", "authentication"), (2L, "TopologyDeployed", "raw"), (3L, "TopologyDeployed", "datapoints"),
             (4L, "BuiltInsDeployed", null), (5L, "TopologyRebalanced", "raw"), (6L, "TopologyDeactivated", "datapoints"),
             (7L, "TopologyDeployed", "freezer-warm")],
            await ManagerEvents(journal));

        await using var again = await _stores.Cluster(1, BuiltIns, journal: journal);
        using var feed = await ReadingFeed.Register(_stores.Registry, _stores.Kafka.Backbone.Connection.BootstrapServers, 12);
        await again.AllRunning(["authentication", "raw", "freezer-warm"], Patience);
        var list = Assert.IsAssignableFrom<IReadOnlyList<TopologySummary>>(await again[0].Ask(new ManagerCommand.List()));
        Assert.Equal(
            [("authentication", TopologyStatus.Active, 1), ("datapoints", TopologyStatus.Inactive, 1), ("freezer-warm", TopologyStatus.Active, 1), ("raw", TopologyStatus.Active, 2)],
            list.Select(t => (t.Name, t.Status, t.Parallelism)));
        Assert.Equal(2, again.Placement("raw").Values.Sum());
        Assert.Empty(again.Workers("datapoints"));
        feed.Send(50);
        await Eventually.True(() => _stores.RawStore.Count().Result == 50, "readings stored after the restart", Patience);
    }

    /// <summary>
    /// The topology manager's events as rows of the journal table in PostgreSQL, read with Npgsql: sequence number,
    /// event type and topology name (from the JSON Akka serialised the event to).
    /// </summary>
    private static async Task<List<(long, string, string?)>> ManagerEvents(TopologyJournal journal)
    {
        await using var connection = new NpgsqlConnection(journal.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT sequence_number, convert_from(message, 'UTF8') FROM journal WHERE persistence_id = 'topology-manager' ORDER BY sequence_number",
            connection);
        await using var rows = await select.ExecuteReaderAsync();
        var events = new List<(long, string, string?)>();
        while (await rows.ReadAsync())
        {
            using var json = JsonDocument.Parse(rows.GetString(1));
            var type = json.RootElement.GetProperty("$type").GetString()!.Split(',')[0];
            var name = json.RootElement.TryGetProperty("Name", out var property) ? property.GetString() : null;
            events.Add((rows.GetInt64(0), type[(type.LastIndexOf('.') + 1)..], name));
        }

        return events;
    }

    public Task DisposeAsync() => _stores.DisposeAsync();

    public void Dispose() => _stores.Dispose();
}
