using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StreamEngine.Connectors.Storage;

/// <summary>
/// One of SQLite's own prepared statements on a store's connection, for the writes a store makes per row: values are
/// bound without boxing and text as UTF-8 bytes, where <see cref="SqliteCommand"/> boxes every parameter and adds its
/// own work to every execution (bench/RESULTS.md: a raw row cost 6.8–7.0 µs of CPU through this, 8.6–8.8 µs through
/// <see cref="SqliteCommand"/>). The statement takes part in the connection's open transaction. Not thread-safe: the
/// store's lock serializes its use.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        this.connection = connection;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, sql, out statement), connection.Handle);
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to an integer.</summary>
    public SqliteStatement Bind(int index, long value) => Checked(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to a real.</summary>
    public SqliteStatement Bind(int index, double value) => Checked(raw.sqlite3_bind_double(statement, index, value));

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to text given as UTF-8 bytes; SQLite copies them.</summary>
    public SqliteStatement BindText(int index, ReadOnlySpan<byte> utf8) => Checked(raw.sqlite3_bind_text(statement, index, utf8));

    /// <summary>Runs the statement to its end and makes it ready for the next row; returns the rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused it: a busy file after the busy timeout, a full disk, a constraint.</exception>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(statement);
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, connection.Handle);
            }

            return raw.sqlite3_changes(connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private SqliteStatement Checked(int result)
    {
        SqliteException.ThrowExceptionForRC(result, connection.Handle);
        return this;
    }
}
