using StreamEngine.Host.Cluster;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>Where in-process cluster nodes keep the topology manager's journal: a provider and its connection string.</summary>
public sealed record TopologyJournal(string Provider, string ConnectionString)
{
    /// <summary>A SQLite file, <c>cluster.db</c>, in <paramref name="directory"/>.</summary>
    public static TopologyJournal SqliteIn(string directory) =>
        new(JournalProviders.Sqlite, $"Data Source={Path.Combine(directory, "cluster.db")}");

    /// <summary>A PostgreSQL database.</summary>
    public static TopologyJournal PostgreSql(string connectionString) => new(JournalProviders.PostgreSql, connectionString);
}
