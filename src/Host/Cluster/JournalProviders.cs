using LinqToDB;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// The databases the topology journal runs on, as <c>Cluster:JournalProvider</c> names them (Linq2Db's provider
/// names): SQLite through Microsoft.Data.Sqlite, and PostgreSQL through Npgsql, whose server version Linq2Db detects
/// on the first connection.
/// </summary>
public static class JournalProviders
{
    private const string PostgreSqlExample = "Host=db.example;Port=5432;Database=streamengine;Username=streamengine;Password=...";

    /// <summary>A SQLite file; the default.</summary>
    public const string Sqlite = ProviderName.SQLiteMS;

    /// <summary>A PostgreSQL database; its tables are created on the first start.</summary>
    public const string PostgreSql = ProviderName.PostgreSQL;

    /// <summary>
    /// Fails with what is wrong and what is allowed when <paramref name="settings"/> name a provider other than
    /// <see cref="Sqlite"/> or <see cref="PostgreSql"/> (spelled so), or no connection string.
    /// </summary>
    /// <exception cref="ArgumentException">The provider is not supported, or the connection string is empty.</exception>
    public static void Check(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.JournalProvider is not (Sqlite or PostgreSql))
        {
            throw new ArgumentException(
                $"Cluster:JournalProvider is '{settings.JournalProvider}'; allowed: {Sqlite} (the default: a SQLite file) or {PostgreSql} " +
                $"(with Cluster:JournalConnectionString such as '{PostgreSqlExample}').");
        }

        if (string.IsNullOrWhiteSpace(settings.JournalConnectionString))
        {
            throw new ArgumentException(
                $"Cluster:JournalConnectionString is empty; with Cluster:JournalProvider {settings.JournalProvider} set it to the journal's database, " +
                $"for example '{(settings.JournalProvider == PostgreSql ? PostgreSqlExample : "Data Source=data/cluster.db")}'.");
        }
    }
}
