using System.Net;

namespace StreamEngine.Host.Tests;

public sealed class UserEndpointTests : LoggedInAdminTests
{
    [Fact]
    public async Task Created_admin_is_listed_can_log_in_and_is_gone_after_delete()
    {
        using (var created = await Admin.PostAsync("/api/v1/admin/users", Json.Body("""{"username":"ana","password":"pw-ana","permission":"admin"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var list = await Admin.GetAsync("/api/v1/admin/users"))
        {
            var text = await list.Content.ReadAsStringAsync();
            Assert.Contains("\"ana\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("pw-ana", text, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeTokenHasher.Marker, text, StringComparison.Ordinal);
        }

        using (var show = await Admin.GetAsync("/api/v1/admin/users/ana"))
        {
            Assert.Equal("ana", (await Json.Read(show)).GetProperty("username").GetString());
        }

        Assert.NotEmpty(await Server.TokenFor("ana", "pw-ana"));

        using (var delete = await Admin.DeleteAsync("/api/v1/admin/users/ana"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var login = await Server.PostToken("ana", "pw-ana");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Creating_a_taken_name_gets_409()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/users", Json.Body("""{"username":"admin","password":"x"}"""));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Creating_without_a_password_gets_400()
    {
        using var response = await Admin.PostAsync("/api/v1/admin/users", Json.Body("""{"username":"bob"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_last_admin_gets_409_and_keeps_it()
    {
        using var response = await Admin.DeleteAsync("/api/v1/admin/users/admin");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(await Server.Registry.AnyAdmin());
    }
}
