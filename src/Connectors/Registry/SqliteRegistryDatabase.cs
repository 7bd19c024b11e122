using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace StreamEngine.Connectors.Registry;

/// <summary>
/// The registry's SQLite file: its connection string, the schema of thesis tables 5.4–5.7 created on first use
/// (WAL journal, busy timeout so several threads can write), the id counters and new tokens.
/// </summary>
internal sealed class SqliteRegistryDatabase
{
    public const string Devices = "devices";
    public const string Gateways = "gateways";

    private const string BusyTimeoutPragma = "PRAGMA busy_timeout = 30000;";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS admins (
            username TEXT PRIMARY KEY NOT NULL,
            password TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS devices (
            id INTEGER PRIMARY KEY NOT NULL,
            auth TEXT NOT NULL,
            state INTEGER NOT NULL DEFAULT 0,
            config TEXT NOT NULL DEFAULT '{}');
        CREATE TABLE IF NOT EXISTS gateways (
            id INTEGER PRIMARY KEY NOT NULL,
            auth TEXT NOT NULL,
            config TEXT NOT NULL DEFAULT '{}');
        CREATE TABLE IF NOT EXISTS resource_counters (
            resource TEXT PRIMARY KEY NOT NULL,
            counter INTEGER NOT NULL);
        INSERT OR IGNORE INTO resource_counters (resource, counter) VALUES ('devices', 0), ('gateways', 0);
        """;

    private readonly Lock _schemaLock = new();
    private volatile bool _schemaReady;

    /// <param name="connectionStringOrPath">A SQLite connection string (<c>Data Source=…</c>) or a file path.</param>
    public SqliteRegistryDatabase(string connectionStringOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate && IsFile(builder.DataSource))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>An open connection with the busy timeout set; the schema exists.</summary>
    public async Task<SqliteConnection> Open(CancellationToken cancellation)
    {
        EnsureSchema();
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = BusyTimeoutPragma;
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Hands out the next id of a counter; call inside the transaction that inserts the row.</summary>
    public static long NextId(SqliteConnection connection, SqliteTransaction transaction, string resource)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO resource_counters (resource, counter) VALUES ($resource, 1)
            ON CONFLICT (resource) DO UPDATE SET counter = counter + 1
            RETURNING counter;
            """;
        command.Parameters.AddWithValue("$resource", resource);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Makes sure a counter never hands out an id at or below one registered by hand.</summary>
    public static void RaiseCounter(SqliteConnection connection, SqliteTransaction transaction, string resource, long id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO resource_counters (resource, counter) VALUES ($resource, $id)
            ON CONFLICT (resource) DO UPDATE SET counter = max(counter, excluded.counter);
            """;
        command.Parameters.AddWithValue("$resource", resource);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>A new token: 20 random bytes as 40 uppercase hex characters.</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>A command with these parameters; the caller disposes it.</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public static async Task<int> Execute(
        SqliteConnection connection, string sql, CancellationToken cancellation, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    public static async Task<long> Scalar(SqliteConnection connection, string sql, CancellationToken cancellation)
    {
        using var command = Command(connection, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsFile(string dataSource) =>
        !string.IsNullOrEmpty(dataSource)
        && !dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
        && !dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private void EnsureSchema()
    {
        if (_schemaReady)
        {
            return;
        }

        lock (_schemaLock)
        {
            if (_schemaReady)
            {
                return;
            }

            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = BusyTimeoutPragma + Schema;
            command.ExecuteNonQuery();
            _schemaReady = true;
        }
    }
}
