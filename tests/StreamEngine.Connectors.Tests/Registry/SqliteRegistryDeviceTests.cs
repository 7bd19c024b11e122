using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

public sealed class SqliteRegistryDeviceTests : IDisposable
{
    private readonly RegistryFile _file = new();
    private readonly SqliteRegistry _registry;

    public SqliteRegistryDeviceTests() => _registry = _file.Open();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_created_device_is_found_listed_and_deleted()
    {
        var issued = await _registry.CreateDevice();

        var found = await _registry.FindDevice(issued.Id);
        Assert.NotNull(found);
        Assert.Equal(issued.Id, found.Id);
        Assert.Empty(found.Config);
        Assert.True(RegistryFile.Hasher.Verify(issued.Token, found.TokenHash));
        Assert.Equal([issued.Id], (await _registry.ListDevices()).Select(d => d.Id));

        Assert.True(await _registry.DeleteDevice(issued.Id));
        Assert.Null(await _registry.FindDevice(issued.Id));
        Assert.Empty(await _registry.ListDevices());
        Assert.False(await _registry.DeleteDevice(issued.Id));
    }

    [Fact]
    public async Task New_tokens_are_40_uppercase_hex_characters_and_differ()
    {
        var first = await _registry.CreateDevice();
        var second = await _registry.CreateDevice();

        Assert.Matches("^[0-9A-F]{40}$", first.Token);
        Assert.Matches("^[0-9A-F]{40}$", second.Token);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public async Task Device_ids_come_from_the_counter_and_increase()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _registry.CreateDevice()).Id);
        }

        Assert.Equal([1L, 2L, 3L], ids);
        await _registry.DeleteDevice(3);
        Assert.Equal(4, (await _registry.CreateDevice()).Id);

        using var connection = _file.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT counter FROM resource_counters WHERE resource = 'devices';";
        Assert.Equal(4L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_created_device_is_inactive_until_its_state_is_set()
    {
        var issued = await _registry.CreateDevice();
        Assert.False((await _registry.FindDevice(issued.Id))!.State);

        Assert.True(await _registry.SetDeviceState(issued.Id, true));
        Assert.True((await _registry.FindDevice(issued.Id))!.State);

        Assert.True(await _registry.SetDeviceState(issued.Id, false));
        Assert.False((await _registry.FindDevice(issued.Id))!.State);
    }

    [Fact]
    public async Task Setting_the_state_of_an_unknown_device_gives_false()
    {
        Assert.False(await _registry.SetDeviceState(99, true));
        Assert.Null(await _registry.FindDevice(99));
    }

    [Fact]
    public async Task Device_config_merges_keys_and_overwrites_the_ones_given()
    {
        var issued = await _registry.CreateDevice();

        Assert.True(await _registry.SetDeviceConfig(
            issued.Id, new Dictionary<string, string> { ["name"] = "Freezer 2", ["maxTemperature"] = "8" }));
        Assert.True(await _registry.SetDeviceConfig(
            issued.Id, new Dictionary<string, string> { ["maxTemperature"] = "-18", ["phone"] = "+351910000000" }));

        var config = (await _registry.FindDevice(issued.Id))!.Config;
        Assert.Equal(3, config.Count);
        Assert.Equal("Freezer 2", config["name"]);
        Assert.Equal("-18", config["maxTemperature"]);
        Assert.Equal("+351910000000", config["phone"]);
    }

    [Fact]
    public async Task Config_of_an_unknown_device_gives_false()
    {
        Assert.False(await _registry.SetDeviceConfig(5, new Dictionary<string, string> { ["name"] = "x" }));
    }

    [Fact]
    public async Task A_legacy_device_keeps_its_id_and_token_and_is_refused_when_the_id_exists()
    {
        Assert.True(await _registry.CreateLegacyDevice(123, "789"));

        var found = await _registry.FindDevice(123);
        Assert.NotNull(found);
        Assert.False(found.State);
        Assert.True(RegistryFile.Hasher.Verify("789", found.TokenHash));

        Assert.False(await _registry.CreateLegacyDevice(123, "other"));
        Assert.True(RegistryFile.Hasher.Verify("789", (await _registry.FindDevice(123))!.TokenHash));
    }

    [Fact]
    public async Task New_devices_never_take_the_id_of_a_legacy_device()
    {
        Assert.True(await _registry.CreateLegacyDevice(2, "legacy"));

        var first = await _registry.CreateDevice();
        var second = await _registry.CreateDevice();

        Assert.Equal(3, first.Id);
        Assert.Equal(4, second.Id);
        Assert.False(await _registry.CreateLegacyDevice(first.Id, "clash"));
    }
}
