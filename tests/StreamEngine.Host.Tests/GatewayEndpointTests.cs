using System.Net;

namespace StreamEngine.Host.Tests;

public sealed class GatewayEndpointTests : LoggedInAdminTests
{
    [Fact]
    public async Task Gateway_round_trip_create_config_get_list_login_delete()
    {
        long id;
        string token;
        using (var created = await Admin.PostAsync("/api/v1/admin/gateways", null))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await Json.Read(created);
            id = body.GetProperty("id").GetInt64();
            token = body.GetProperty("auth").GetString()!;
        }

        using (var config = await Admin.PutAsync($"/api/v1/admin/gateways/{id}/config", Json.Body("""{"State":"Active","connectivity":"4G"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        }

        using (var get = await Admin.GetAsync($"/api/v1/admin/gateways/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var text = await get.Content.ReadAsStringAsync();
            Assert.DoesNotContain(FakeTokenHasher.Marker, text, StringComparison.Ordinal);
            var gateway = await Json.Read(get);
            Assert.Equal(id, gateway.GetProperty("id").GetInt64());
            Assert.Equal("4G", gateway.GetProperty("config").GetProperty("connectivity").GetString());
        }

        using (var list = await Admin.GetAsync("/api/v1/admin/gateways"))
        {
            Assert.Contains((await Json.Read(list)).EnumerateArray(), g => g.GetProperty("id").GetInt64() == id);
        }

        using (var good = await Admin.PostAsync($"/api/v1/admin/gateways/{id}/login", Json.Body($$"""{"auth":"{{token}}"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        using (var bad = await Admin.PostAsync($"/api/v1/admin/gateways/{id}/login", Json.Body("""{"auth":"B12F31EBDDF2D982895195964FEAB0065031430B"}""")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        }

        using (var delete = await Admin.DeleteAsync($"/api/v1/admin/gateways/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await Admin.GetAsync($"/api/v1/admin/gateways/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Gateway_login_without_auth_gets_400()
    {
        using var created = await Admin.PostAsync("/api/v1/admin/gateways", null);
        var id = (await Json.Read(created)).GetProperty("id").GetInt64();
        using var response = await Admin.PostAsync($"/api/v1/admin/gateways/{id}/login", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
