using Microsoft.Data.Sqlite;
using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

/// <summary>A temporary SQLite file for one test, deleted (with its WAL files) at the end.</summary>
public sealed class RegistryFile : IDisposable
{
    /// <summary>Work factor 4: bcrypt as in production, only fast.</summary>
    public static readonly TokenHasher Hasher = new(workFactor: 4);

    private readonly List<SqliteRegistry> _opened = [];

    public RegistryFile()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"registry-{Guid.NewGuid():N}", "registry.db");
    }

    public string Path { get; }

    /// <summary>A registry over the file; several may be open on it at once.</summary>
    public SqliteRegistry Open()
    {
        var registry = new SqliteRegistry(Path, Hasher);
        _opened.Add(registry);
        return registry;
    }

    /// <summary>The file through a plain, unpooled connection, as a tool would see it.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Every text cell of every row of a table.</summary>
    public List<string> TextCells(string table)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table};";
        using var reader = command.ExecuteReader();
        var cells = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
        }

        return cells;
    }

    public void Dispose()
    {
        foreach (var registry in _opened)
        {
            using var connection = new SqliteConnection(registry.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
