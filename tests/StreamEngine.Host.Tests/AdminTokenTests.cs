using System.Net;
using System.Text;
using StreamEngine.Host.Admin;

namespace StreamEngine.Host.Tests;

public sealed class AdminTokenTests : IAsyncLifetime
{
    private AdminApiServer _server = null!;

    public async Task InitializeAsync() => _server = await AdminApiServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Admin_logs_in_with_basic_auth_and_the_token_checks_out_as_theirs()
    {
        using var response = await _server.PostToken("admin", AdminApiServer.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.Read(response);
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(3, token.Split('.').Length);

        using var client = _server.WithBearer(token);
        using var check = await client.GetAsync("/api/v1/admin/token");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("admin", (await Json.Read(check)).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Wrong_password_gets_401_and_no_token()
    {
        using var response = await _server.PostToken("admin", "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong username or password", await Json.Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_admin_gets_401()
    {
        using var response = await _server.PostToken("mallory", AdminApiServer.AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_request_without_basic_auth_gets_401_explaining_basic_auth()
    {
        using var response = await _server.Client.PostAsync("/api/v1/admin/token", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", await Json.Error(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/admin/token")]
    [InlineData("/api/v1/admin/devices")]
    [InlineData("/api/v1/admin/devices/1")]
    [InlineData("/api/v1/admin/gateways")]
    [InlineData("/api/v1/admin/users")]
    public async Task Call_without_token_gets_401_saying_how_to_get_one(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await Json.Error(response);
        Assert.Contains("No bearer token", error, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/admin/token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_create_without_token_gets_401_and_creates_nothing()
    {
        using var response = await _server.Client.PostAsync("/api/v1/admin/devices", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _server.Registry.ListDevices());
    }

    [Fact]
    public async Task Expired_token_gets_401_saying_it_expired()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = _server.Tokens.Issue("admin", now.AddHours(-2), now.AddHours(-1));
        using var client = _server.WithBearer(expired);
        using var response = await client.GetAsync("/api/v1/admin/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await Json.Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_with_another_key_gets_401_saying_the_signature_is_invalid()
    {
        var forger = new AdminTokenService(
            new AdminSettings(Encoding.UTF8.GetBytes("some-other-key-that-is-32-bytes-long!!"), null, TimeSpan.FromHours(1)),
            TimeProvider.System);
        using var client = _server.WithBearer(forger.Issue("admin"));
        using var response = await client.GetAsync("/api/v1/admin/token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature is invalid", await Json.Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_with_a_tampered_subject_gets_401()
    {
        var token = await _server.TokenFor("admin", AdminApiServer.AdminPassword);
        var parts = token.Split('.');
        var payload = System.Buffers.Text.Base64Url.EncodeToString(
            Encoding.UTF8.GetBytes($$"""{"iss":"streamengine","sub":"root","iat":0,"exp":{{DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeSeconds()}}}"""));
        using var client = _server.WithBearer($"{parts[0]}.{payload}.{parts[2]}");
        using var response = await client.GetAsync("/api/v1/admin/token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic YWRtaW46eA==")]
    public async Task Garbage_authorization_gets_401_with_an_error_body(string header)
    {
        using var client = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        using var response = await client.GetAsync("/api/v1/admin/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(await Json.Error(response));
    }

    [Fact]
    public async Task Token_for_alg_none_is_refused()
    {
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = System.Buffers.Text.Base64Url.EncodeToString(
            Encoding.UTF8.GetBytes($$"""{"iss":"streamengine","sub":"admin","iat":0,"exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}"""));
        using var client = _server.WithBearer($"{header}.{payload}.");
        using var response = await client.GetAsync("/api/v1/admin/token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
