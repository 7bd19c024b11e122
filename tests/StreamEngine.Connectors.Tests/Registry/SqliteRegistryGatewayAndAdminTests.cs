using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

public sealed class SqliteRegistryGatewayAndAdminTests : IDisposable
{
    private readonly RegistryFile _file = new();
    private readonly SqliteRegistry _registry;

    public SqliteRegistryGatewayAndAdminTests() => _registry = _file.Open();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_created_gateway_is_found_listed_and_deleted()
    {
        var issued = await _registry.CreateGateway();

        var found = await _registry.FindGateway(issued.Id);
        Assert.NotNull(found);
        Assert.Empty(found.Config);
        Assert.Matches("^[0-9A-F]{40}$", issued.Token);
        Assert.True(RegistryFile.Hasher.Verify(issued.Token, found.TokenHash));
        Assert.Equal([issued.Id], (await _registry.ListGateways()).Select(g => g.Id));

        Assert.True(await _registry.DeleteGateway(issued.Id));
        Assert.Null(await _registry.FindGateway(issued.Id));
        Assert.Empty(await _registry.ListGateways());
        Assert.False(await _registry.DeleteGateway(issued.Id));
    }

    [Fact]
    public async Task Gateway_ids_have_their_own_counter_and_increase()
    {
        await _registry.CreateDevice();
        await _registry.CreateDevice();

        var first = await _registry.CreateGateway();
        var second = await _registry.CreateGateway();

        Assert.Equal(1, first.Id);
        Assert.Equal(2, second.Id);
        Assert.Equal([1L, 2L], (await _registry.ListGateways()).Select(g => g.Id));
    }

    [Fact]
    public async Task Gateway_config_merges_keys_and_unknown_gateways_give_false()
    {
        var issued = await _registry.CreateGateway();

        Assert.True(await _registry.SetGatewayConfig(issued.Id, new Dictionary<string, string> { ["site"] = "Lisbon", ["model"] = "a" }));
        Assert.True(await _registry.SetGatewayConfig(issued.Id, new Dictionary<string, string> { ["model"] = "b" }));

        var config = (await _registry.FindGateway(issued.Id))!.Config;
        Assert.Equal(2, config.Count);
        Assert.Equal("Lisbon", config["site"]);
        Assert.Equal("b", config["model"]);
        Assert.False(await _registry.SetGatewayConfig(issued.Id + 1, new Dictionary<string, string> { ["site"] = "x" }));
    }

    [Fact]
    public async Task An_admin_is_created_verified_listed_and_deleted()
    {
        Assert.False(await _registry.AnyAdmin());

        Assert.True(await _registry.CreateAdmin("root", "s3cret!"));
        Assert.True(await _registry.CreateAdmin("alice", "wonderland"));

        Assert.True(await _registry.AnyAdmin());
        Assert.True(await _registry.VerifyAdmin("root", "s3cret!"));
        Assert.Equal(["alice", "root"], await _registry.ListAdmins());

        Assert.True(await _registry.DeleteAdmin("root"));
        Assert.False(await _registry.VerifyAdmin("root", "s3cret!"));
        Assert.Equal(["alice"], await _registry.ListAdmins());
        Assert.False(await _registry.DeleteAdmin("root"));
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_admin_does_not_verify()
    {
        await _registry.CreateAdmin("root", "s3cret!");

        Assert.False(await _registry.VerifyAdmin("root", "S3cret!"));
        Assert.False(await _registry.VerifyAdmin("root", ""));
        Assert.False(await _registry.VerifyAdmin("nobody", "s3cret!"));
    }

    [Fact]
    public async Task An_admin_name_that_is_taken_is_refused_and_keeps_its_password()
    {
        Assert.True(await _registry.CreateAdmin("root", "first"));
        Assert.False(await _registry.CreateAdmin("root", "second"));

        Assert.True(await _registry.VerifyAdmin("root", "first"));
        Assert.False(await _registry.VerifyAdmin("root", "second"));
    }

    [Fact]
    public async Task A_new_admin_password_replaces_the_old_one_and_is_stored_as_a_bcrypt_hash()
    {
        await _registry.CreateAdmin("root", "first");
        await _registry.CreateAdmin("alice", "wonderland");

        Assert.True(await _registry.SetAdminPassword("root", "second"));

        Assert.True(await _registry.VerifyAdmin("root", "second"));
        Assert.False(await _registry.VerifyAdmin("root", "first"));
        Assert.True(await _registry.VerifyAdmin("alice", "wonderland"));
        var cells = _file.TextCells("admins");
        Assert.DoesNotContain("second", cells);
        Assert.Single(cells, cell => cell.StartsWith("$2", StringComparison.Ordinal) && RegistryFile.Hasher.Verify("second", cell));
    }

    [Fact]
    public async Task Setting_the_password_of_an_unknown_admin_gives_false_and_creates_no_admin()
    {
        Assert.False(await _registry.SetAdminPassword("nobody", "pw"));

        Assert.False(await _registry.AnyAdmin());
        Assert.False(await _registry.VerifyAdmin("nobody", "pw"));
    }
}

