using System.Net;

namespace StreamEngine.Host.Tests;

public sealed class BadInputTests : LoggedInAdminTests
{
    [Theory]
    [InlineData("GET", "/api/v1/admin/devices/abc")]
    [InlineData("DELETE", "/api/v1/admin/devices/1.5")]
    [InlineData("GET", "/api/v1/admin/devices/-3")]
    [InlineData("GET", "/api/v1/admin/gateways/xyz")]
    [InlineData("DELETE", "/api/v1/admin/gateways/0")]
    public async Task Non_numeric_id_gets_400_saying_ids_are_numbers(string method, string path)
    {
        using var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid", await Json.Error(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/devices/999")]
    [InlineData("DELETE", "/api/v1/admin/devices/999")]
    [InlineData("GET", "/api/v1/admin/gateways/999")]
    [InlineData("DELETE", "/api/v1/admin/gateways/999")]
    [InlineData("GET", "/api/v1/admin/users/nobody")]
    [InlineData("DELETE", "/api/v1/admin/users/nobody")]
    public async Task Unknown_id_gets_404_with_an_error_body(string method, string path)
    {
        using var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty(await Json.Error(response));
    }

    [Theory]
    [InlineData("/api/v1/admin/devices/999/config", """{"maxTemperature":5}""")]
    [InlineData("/api/v1/admin/devices/999/state", """{"state":true}""")]
    [InlineData("/api/v1/admin/gateways/999/config", """{"connectivity":"4G"}""")]
    public async Task Put_on_unknown_id_gets_404(string path, string json)
    {
        using var response = await Admin.PutAsync(path, Json.Body(json));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Login_of_unknown_device_gets_404()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/devices/999/login", Json.Body("""{"auth":"x"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"maxTemperature\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task Malformed_config_json_gets_400(string json)
    {
        var id = await CreateDevice();
        using var response = await Admin.PutAsync($"/api/v1/admin/devices/{id}/config", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", await Json.Error(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+0123456")]
    [InlineData("+351 912 345 678")]
    [InlineData("+1234567890123456")]
    public async Task Phone_not_in_E164_gets_400_and_nothing_is_stored(string phone)
    {
        var id = await CreateDevice();
        using var response = await Admin.PutAsync($"/api/v1/admin/devices/{id}/config",
            Json.Body($$"""{"name":"Fridge","phone":"{{phone}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("E.164", await Json.Error(response), StringComparison.Ordinal);
        Assert.Empty((await Server.Registry.FindDevice(id))!.Config);
    }

    [Theory]
    [InlineData("""{"maxTemperature":"warm"}""")]
    [InlineData("""{"minBattery":"low"}""")]
    [InlineData("""{"name":{"first":"x"}}""")]
    [InlineData("""{"name":null}""")]
    [InlineData("{}")]
    public async Task Config_with_bad_values_gets_400(string json)
    {
        var id = await CreateDevice();
        using var response = await Admin.PutAsync($"/api/v1/admin/devices/{id}/config", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await Json.Error(response));
    }

    [Theory]
    [InlineData("""{"state":"yes"}""")]
    [InlineData("""{"state":1}""")]
    [InlineData("""{}""")]
    public async Task State_that_is_not_a_boolean_gets_400(string json)
    {
        var id = await CreateDevice();
        using var response = await Admin.PutAsync($"/api/v1/admin/devices/{id}/state", Json.Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"state\":true", await Json.Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_create_with_a_non_numeric_id_gets_400()
    {
        using var response = await Admin.PutAsync("/api/v1/admin/devices", Json.Body("""{"id":"abc","auth":"t"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Legacy_create_with_a_bad_phone_gets_400_and_registers_nothing()
    {
        using var response = await Admin.PutAsync("/api/v1/admin/devices",
            Json.Body("""{"id":55,"auth":"t","user":{"name":"Owner","phone":"912345678"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await Server.Registry.FindDevice(55));
    }

    private async Task<long> CreateDevice()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/devices", null);
        return (await Json.Read(response)).GetProperty("id").GetInt64();
    }
}
