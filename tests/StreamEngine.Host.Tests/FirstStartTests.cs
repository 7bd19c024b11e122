using System.Net;

namespace StreamEngine.Host.Tests;

public sealed class FirstStartTests
{
    [Fact]
    public async Task First_start_creates_admin_with_the_configured_password()
    {
        await using var server = await AdminApiServer.Start();
        Assert.Equal(["admin"], await server.Registry.ListAdmins());
        using var response = await server.PostToken("admin", AdminApiServer.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task First_start_without_a_configured_password_still_creates_admin_with_a_generated_one()
    {
        await using var server = await AdminApiServer.Start(adminPassword: null);
        Assert.Equal(["admin"], await server.Registry.ListAdmins());
        using var guess = await server.PostToken("admin", "");
        Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
    }
}
