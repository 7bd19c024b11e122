using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using StreamEngine.Abstractions.Registry;
using static StreamEngine.Connectors.Registry.SqliteRegistryDatabase;
using Db = StreamEngine.Connectors.Registry.SqliteRegistryDatabase;

namespace StreamEngine.Connectors.Registry;

/// <summary>
/// The registry (thesis tables 5.4–5.7) in a SQLite file: the embedded default and the store of the tests.
/// Tokens and passwords are stored only as <see cref="ITokenHasher"/> hashes; config maps as JSON text, read back as
/// compact <see cref="ConfigMap"/>s.
/// Every call opens its own (pooled) connection; writes run in <c>BEGIN IMMEDIATE</c> transactions.
/// </summary>
public sealed class SqliteRegistry : IRegistry
{
    /// <summary>The file used when <c>Storage:Sqlite:Path</c> is not set.</summary>
    public const string DefaultPath = "data/streamengine.db";

    private readonly Db _db;
    private readonly ITokenHasher _hasher;

    /// <param name="connectionStringOrPath">A SQLite connection string or a file path; its directory is created.</param>
    /// <param name="hasher">Hashes tokens and passwords.</param>
    public SqliteRegistry(string connectionStringOrPath, ITokenHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _db = new Db(connectionStringOrPath);
        _hasher = hasher;
    }

    /// <summary>The file of <c>Storage:Sqlite:Path</c>, default <see cref="DefaultPath"/>.</summary>
    public SqliteRegistry(IConfiguration configuration, ITokenHasher hasher)
        : this(PathFrom(configuration), hasher)
    {
    }

    /// <summary>The connection string in use (for tools and tests).</summary>
    public string ConnectionString => _db.ConnectionString;

    public async Task<bool> AnyAdmin(CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Scalar(connection, "SELECT EXISTS (SELECT 1 FROM admins);", cancellation).ConfigureAwait(false) == 1;
    }

    public Task<bool> CreateAdmin(string username, string password, CancellationToken cancellation = default) =>
        WriteAdmin("INSERT OR IGNORE INTO admins (username, password) VALUES ($name, $hash);", username, password, cancellation);

    public async Task<bool> VerifyAdmin(string username, string password, CancellationToken cancellation = default)
    {
        if (string.IsNullOrEmpty(username) || password is null)
        {
            return false;
        }

        string? hash;
        await using (var connection = await _db.Open(cancellation).ConfigureAwait(false))
        {
            using var command = Command(connection, "SELECT password FROM admins WHERE username = $name;", ("$name", username));
            hash = await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as string;
        }

        return hash is not null && _hasher.Verify(password, hash);
    }

    public async Task<IReadOnlyList<string>> ListAdmins(CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var command = Command(connection, "SELECT username FROM admins ORDER BY username;");
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public Task<bool> SetAdminPassword(string username, string password, CancellationToken cancellation = default) =>
        WriteAdmin("UPDATE admins SET password = $hash WHERE username = $name;", username, password, cancellation);

    public async Task<bool> DeleteAdmin(string username, CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Execute(connection, "DELETE FROM admins WHERE username = $name;", cancellation, ("$name", username))
            .ConfigureAwait(false) == 1;
    }

    public Task<IssuedCredentials> CreateDevice(CancellationToken cancellation = default) =>
        CreateWithIssuedToken(Db.Devices, "INSERT INTO devices (id, auth, state, config) VALUES ($id, $auth, 0, '{}');", cancellation);

    public async Task<bool> CreateLegacyDevice(long id, string token, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var hash = _hasher.Hash(token);
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        int inserted;
        using (var insert = Command(
            connection,
            "INSERT OR IGNORE INTO devices (id, auth, state, config) VALUES ($id, $auth, 0, '{}');",
            ("$id", id),
            ("$auth", hash)))
        {
            insert.Transaction = transaction;
            inserted = await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        if (inserted != 1)
        {
            transaction.Rollback();
            return false;
        }

        Db.RaiseCounter(connection, transaction, Db.Devices, id);
        transaction.Commit();
        return true;
    }

    public async Task<DeviceRecord?> FindDevice(long id, CancellationToken cancellation = default)
    {
        var devices = await ReadDevices("SELECT id, auth, state, config FROM devices WHERE id = $id;", id, cancellation)
            .ConfigureAwait(false);
        return devices.Count == 0 ? null : devices[0];
    }

    public Task<IReadOnlyList<DeviceRecord>> ListDevices(CancellationToken cancellation = default) =>
        ReadDevices("SELECT id, auth, state, config FROM devices ORDER BY id;", null, cancellation);

    public async Task<bool> DeleteDevice(long id, CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Execute(connection, "DELETE FROM devices WHERE id = $id;", cancellation, ("$id", id))
            .ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetDeviceState(long id, bool state, CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Execute(
            connection,
            "UPDATE devices SET state = $state WHERE id = $id;",
            cancellation,
            ("$state", state ? 1 : 0),
            ("$id", id)).ConfigureAwait(false) == 1;
    }

    public Task<bool> SetDeviceConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default) =>
        MergeConfig(
            "SELECT config FROM devices WHERE id = $id;",
            "UPDATE devices SET config = $config WHERE id = $id;",
            id,
            values,
            cancellation);

    public Task<IssuedCredentials> CreateGateway(CancellationToken cancellation = default) =>
        CreateWithIssuedToken(Db.Gateways, "INSERT INTO gateways (id, auth, config) VALUES ($id, $auth, '{}');", cancellation);

    public async Task<GatewayRecord?> FindGateway(long id, CancellationToken cancellation = default)
    {
        var gateways = await ReadGateways("SELECT id, auth, config FROM gateways WHERE id = $id;", id, cancellation)
            .ConfigureAwait(false);
        return gateways.Count == 0 ? null : gateways[0];
    }

    public Task<IReadOnlyList<GatewayRecord>> ListGateways(CancellationToken cancellation = default) =>
        ReadGateways("SELECT id, auth, config FROM gateways ORDER BY id;", null, cancellation);

    public async Task<bool> DeleteGateway(long id, CancellationToken cancellation = default)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Execute(connection, "DELETE FROM gateways WHERE id = $id;", cancellation, ("$id", id))
            .ConfigureAwait(false) == 1;
    }

    public Task<bool> SetGatewayConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default) =>
        MergeConfig(
            "SELECT config FROM gateways WHERE id = $id;",
            "UPDATE gateways SET config = $config WHERE id = $id;",
            id,
            values,
            cancellation);

    /// <summary>
    /// The SQLite file of <c>Storage:Sqlite:Path</c>, default <see cref="DefaultPath"/>: the registry's, and the raw
    /// store's, metric store's and topology journal's beside it.
    /// </summary>
    public static string PathFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["Storage:Sqlite:Path"];
        return string.IsNullOrWhiteSpace(path) ? DefaultPath : path;
    }

    /// <summary>Runs an admins statement with the name and the password's bcrypt hash; true when it changed a row.</summary>
    private async Task<bool> WriteAdmin(string sql, string username, string password, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var hash = _hasher.Hash(password);
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        return await Execute(connection, sql, cancellation, ("$name", username), ("$hash", hash)).ConfigureAwait(false) == 1;
    }

    /// <summary>Inserts a device or gateway under the next id of <paramref name="counter"/>, with a new issued token stored hashed.</summary>
    private async Task<IssuedCredentials> CreateWithIssuedToken(string counter, string insertSql, CancellationToken cancellation)
    {
        var token = Db.NewToken();
        var hash = _hasher.HashIssued(token);
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        var id = Db.NextId(connection, transaction, counter);
        using (var insert = Command(connection, insertSql, ("$id", id), ("$auth", hash)))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        transaction.Commit();
        return new IssuedCredentials(id, token);
    }

    private async Task<bool> MergeConfig(
        string select, string update, long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(values);
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        string? json;
        using (var read = Command(connection, select, ("$id", id)))
        {
            read.Transaction = transaction;
            json = await read.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as string;
        }

        if (json is null)
        {
            transaction.Rollback();
            return false;
        }

        using (var write = Command(connection, update, ("$config", RegistryConfigJson.Merge(json, values)), ("$id", id)))
        {
            write.Transaction = transaction;
            await write.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        transaction.Commit();
        return true;
    }

    private async Task<IReadOnlyList<DeviceRecord>> ReadDevices(string sql, long? id, CancellationToken cancellation)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var command = id is { } value ? Command(connection, sql, ("$id", value)) : Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var devices = new List<DeviceRecord>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            devices.Add(new DeviceRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) != 0, ConfigMap.Parse(reader.GetString(3))));
        }

        return devices;
    }

    private async Task<IReadOnlyList<GatewayRecord>> ReadGateways(string sql, long? id, CancellationToken cancellation)
    {
        await using var connection = await _db.Open(cancellation).ConfigureAwait(false);
        using var command = id is { } value ? Command(connection, sql, ("$id", value)) : Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var gateways = new List<GatewayRecord>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            gateways.Add(new GatewayRecord(reader.GetInt64(0), reader.GetString(1), ConfigMap.Parse(reader.GetString(2))));
        }

        return gateways;
    }
}
