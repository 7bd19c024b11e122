using Microsoft.Extensions.Configuration;
using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

public sealed class SqliteRegistryStorageTests : IDisposable
{
    private static readonly string[] Tables = ["admins", "devices", "gateways", "resource_counters"];

    private readonly RegistryFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task The_file_and_its_directory_are_created_with_the_thesis_tables()
    {
        var registry = _file.Open();
        Assert.False(await registry.AnyAdmin());

        Assert.True(File.Exists(_file.Path));
        using var connection = _file.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Equal(Tables, tables);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        await _file.Open().ListDevices();

        using var connection = _file.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Tokens_and_passwords_are_stored_only_as_hashes_that_verify()
    {
        var registry = _file.Open();
        var device = await registry.CreateDevice();
        var gateway = await registry.CreateGateway();
        Assert.True(await registry.CreateLegacyDevice(500, "LEGACYTOKEN789"));
        Assert.True(await registry.CreateAdmin("root", "correct horse battery"));

        var secrets = new[] { device.Token, gateway.Token, "LEGACYTOKEN789", "correct horse battery" };
        var cells = Tables.SelectMany(_file.TextCells).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(cells, cell => cell.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        using var connection = _file.OpenRaw();
        Assert.True(RegistryFile.Hasher.Verify(device.Token, StoredText(connection, $"SELECT auth FROM devices WHERE id = {device.Id};")));
        Assert.True(RegistryFile.Hasher.Verify("LEGACYTOKEN789", StoredText(connection, "SELECT auth FROM devices WHERE id = 500;")));
        Assert.True(RegistryFile.Hasher.Verify(gateway.Token, StoredText(connection, $"SELECT auth FROM gateways WHERE id = {gateway.Id};")));
        Assert.True(RegistryFile.Hasher.Verify("correct horse battery", StoredText(connection, "SELECT password FROM admins WHERE username = 'root';")));
    }

    [Fact]
    public async Task Issued_tokens_are_kept_as_salted_sha256_and_chosen_secrets_as_bcrypt()
    {
        var registry = _file.Open();
        var device = await registry.CreateDevice();
        var gateway = await registry.CreateGateway();
        Assert.True(await registry.CreateLegacyDevice(501, "789"));
        Assert.True(await registry.CreateAdmin("ops", "correct horse battery"));

        using var connection = _file.OpenRaw();
        Assert.StartsWith("$sha256$", StoredText(connection, $"SELECT auth FROM devices WHERE id = {device.Id};"), StringComparison.Ordinal);
        Assert.StartsWith("$sha256$", StoredText(connection, $"SELECT auth FROM gateways WHERE id = {gateway.Id};"), StringComparison.Ordinal);
        Assert.StartsWith("$2", StoredText(connection, "SELECT auth FROM devices WHERE id = 501;"), StringComparison.Ordinal);
        Assert.StartsWith("$2", StoredText(connection, "SELECT password FROM admins WHERE username = 'ops';"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_devices_created_in_parallel_get_fifty_distinct_ids()
    {
        var first = _file.Open();
        var second = _file.Open();

        var created = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).CreateDevice())));

        var ids = created.Select(c => c.Id).ToList();
        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), ids.Order());
        Assert.Equal(50, (await first.ListDevices()).Count);
        Assert.Equal(51, (await second.CreateDevice()).Id);
    }

    [Fact]
    public async Task Parallel_config_merges_keep_every_key()
    {
        var registry = _file.Open();
        var device = await registry.CreateDevice();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            registry.SetDeviceConfig(device.Id, new Dictionary<string, string> { [$"key{i}"] = $"{i}" }))));

        Assert.Equal(20, (await registry.FindDevice(device.Id))!.Config.Count);
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var registry = _file.Open();
        var device = await registry.CreateDevice();
        await registry.SetDeviceState(device.Id, true);
        await registry.SetDeviceConfig(device.Id, new Dictionary<string, string> { ["name"] = "Freezer 2" });
        var gateway = await registry.CreateGateway();
        await registry.CreateAdmin("root", "pw");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(registry.ConnectionString))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }

        var reopened = new SqliteRegistry(_file.Path, RegistryFile.Hasher);

        var found = await reopened.FindDevice(device.Id);
        Assert.NotNull(found);
        Assert.True(found.State);
        Assert.Equal("Freezer 2", found.Config["name"]);
        Assert.True(RegistryFile.Hasher.Verify(device.Token, found.TokenHash));
        Assert.NotNull(await reopened.FindGateway(gateway.Id));
        Assert.True(await reopened.VerifyAdmin("root", "pw"));
        Assert.Equal(device.Id + 1, (await reopened.CreateDevice()).Id);
        Assert.Equal(gateway.Id + 1, (await reopened.CreateGateway()).Id);
    }

    [Fact]
    public async Task A_connection_string_is_accepted_as_well_as_a_path()
    {
        var registry = new SqliteRegistry($"Data Source={_file.Path};Pooling=False", RegistryFile.Hasher);

        var device = await registry.CreateDevice();

        Assert.NotNull(await _file.Open().FindDevice(device.Id));
    }

    [Fact]
    public async Task The_path_comes_from_Storage_Sqlite_Path()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = _file.Path })
            .Build();
        var registry = new SqliteRegistry(configuration, RegistryFile.Hasher);

        await registry.CreateAdmin("root", "pw");

        Assert.True(await _file.Open().VerifyAdmin("root", "pw"));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(registry.ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
    }

    private static string StoredText(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
