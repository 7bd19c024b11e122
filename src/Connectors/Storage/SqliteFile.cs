using Microsoft.Data.Sqlite;

namespace StreamEngine.Connectors.Storage;

/// <summary>
/// Opens a store's SQLite file the way every store here does: creating the file and its directory, one unpooled
/// connection (the store keeps it for its lifetime), a busy timeout, synchronous=NORMAL and a 4 MiB page cache: the
/// raw store appends, and the operating system caches the file anyway; 64 MiB per connection made a node's working set
/// ~50 MB larger with no store faster, and 4 MiB wrote raw rows as fast as 8 (bench/RESULTS.md, issue 6).
/// </summary>
internal static class SqliteFile
{
    public static SqliteConnection Open(string path, TimeSpan? busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var wait = busyTimeout ?? TimeSpan.FromSeconds(5);
        var timeout = (int)wait.TotalMilliseconds;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Microsoft.Data.Sqlite's own commands (BEGIN IMMEDIATE among them) retry a busy database for this many
            // seconds, 30 by default, whatever SQLite's busy timeout says.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {timeout}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -4096;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
