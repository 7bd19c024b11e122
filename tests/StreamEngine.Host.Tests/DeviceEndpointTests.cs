using System.Net;
using System.Text.Json;

namespace StreamEngine.Host.Tests;

public sealed class DeviceEndpointTests : LoggedInAdminTests
{
    [Fact]
    public async Task Created_device_gets_201_an_id_and_its_clear_token_once_and_starts_inactive()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/devices", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.Read(response);
        var id = body.GetProperty("id").GetInt64();
        Assert.False(body.GetProperty("state").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("auth").GetString()));
        Assert.Equal($"/api/v1/admin/devices/{id}", response.Headers.Location?.ToString());

        using var get = await Admin.GetAsync($"/api/v1/admin/devices/{id}");
        var text = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain("auth", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTokenHasher.Marker, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_round_trip_create_config_state_get_list_delete()
    {
        var id = await CreateDevice();

        using (var config = await Admin.PutAsync($"/api/v1/admin/devices/{id}/config", Json.Body(
                   """{"maxTemperature":"10.54","minTemperature":-10.54,"minBattery":20,"phone":"+351912345678","name":"Kitchen","owner":"Ana"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        }

        using (var state = await Admin.PutAsync($"/api/v1/admin/devices/{id}/state", Json.Body("""{"state":true}""")))
        {
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        }

        using (var get = await Admin.GetAsync($"/api/v1/admin/devices/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var device = await Json.Read(get);
            Assert.Equal(id, device.GetProperty("id").GetInt64());
            Assert.True(device.GetProperty("state").GetBoolean());
            var config = device.GetProperty("config");
            Assert.Equal("10.54", config.GetProperty("maxTemperature").GetString());
            Assert.Equal("-10.54", config.GetProperty("minTemperature").GetString());
            Assert.Equal("20", config.GetProperty("minBattery").GetString());
            Assert.Equal("+351912345678", config.GetProperty("phone").GetString());
            Assert.Equal("Ana", config.GetProperty("owner").GetString());
        }

        using (var list = await Admin.GetAsync("/api/v1/admin/devices"))
        {
            var devices = await Json.Read(list);
            Assert.Equal(JsonValueKind.Array, devices.ValueKind);
            Assert.Contains(devices.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        }

        using (var delete = await Admin.DeleteAsync($"/api/v1/admin/devices/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await Admin.GetAsync($"/api/v1/admin/devices/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Config_merges_new_keys_into_the_existing_ones()
    {
        var id = await CreateDevice();
        (await Admin.PutAsync($"/api/v1/admin/devices/{id}/config", Json.Body("""{"maxTemperature":8}"""))).Dispose();
        using var second = await Admin.PutAsync($"/api/v1/admin/devices/{id}/config", Json.Body("""{"minTemperature":"2"}"""));
        var config = (await Json.Read(second)).GetProperty("config");
        Assert.Equal("8", config.GetProperty("maxTemperature").GetString());
        Assert.Equal("2", config.GetProperty("minTemperature").GetString());
    }

    [Fact]
    public async Task State_false_deactivates_a_device()
    {
        var id = await CreateDevice();
        (await Admin.PutAsync($"/api/v1/admin/devices/{id}/state", Json.Body("""{"state":true}"""))).Dispose();
        using var off = await Admin.PutAsync($"/api/v1/admin/devices/{id}/state", Json.Body("""{"state":false}"""));
        Assert.False((await Json.Read(off)).GetProperty("state").GetBoolean());
    }

    [Fact]
    public async Task Device_login_with_its_token_gets_200_and_with_another_gets_401()
    {
        using var created = await Admin.PostAsync("/api/v1/admin/devices", null);
        var body = await Json.Read(created);
        var id = body.GetProperty("id").GetInt64();
        var token = body.GetProperty("auth").GetString();

        using var good = await Admin.PostAsync($"/api/v1/admin/devices/{id}/login", Json.Body($$"""{"auth":"{{token}}"}"""));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var bad = await Admin.PostAsync($"/api/v1/admin/devices/{id}/login", Json.Body("""{"auth":"12345"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains($"device {id}", await Json.Error(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_create_registers_the_given_id_and_token_with_its_legacy_fields_as_config()
    {
        using var response = await Admin.PutAsync("/api/v1/admin/devices", Json.Body("""
            {"id":1234,"auth":64089519511846157,"comfort_interval":{"min":1,"max":5},"group":"Beach","name":"Kitchen",
             "user":{"name":"Owner","phone":"+123456789"}}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var device = await Json.Read(response);
        Assert.Equal(1234, device.GetProperty("id").GetInt64());
        Assert.False(device.GetProperty("state").GetBoolean());
        var config = device.GetProperty("config");
        Assert.Equal("1", config.GetProperty("minTemperature").GetString());
        Assert.Equal("5", config.GetProperty("maxTemperature").GetString());
        Assert.Equal("Owner", config.GetProperty("owner").GetString());
        Assert.Equal("+123456789", config.GetProperty("phone").GetString());

        using var login = await Admin.PostAsync("/api/v1/admin/devices/1234/login", Json.Body("""{"auth":"64089519511846157"}"""));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Legacy_create_of_a_taken_id_gets_409()
    {
        (await Admin.PutAsync("/api/v1/admin/devices", Json.Body("""{"id":77,"auth":"t1"}"""))).Dispose();
        using var again = await Admin.PutAsync("/api/v1/admin/devices", Json.Body("""{"id":77,"auth":"t2"}"""));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Legacy_create_without_a_token_gets_400()
    {
        using var response = await Admin.PutAsync("/api/v1/admin/devices", Json.Body("""{"id":78}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Server.Registry.ListDevices());
    }

    private async Task<long> CreateDevice()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/devices", null);
        return (await Json.Read(response)).GetProperty("id").GetInt64();
    }
}
