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

    [Fact]
    public async Task An_updated_admin_logs_in_with_the_new_password_only_and_it_is_stored_hashed()
    {
        await CreateAna();

        using (var updated = await Admin.PutAsync("/api/v1/admin/users/ana", Json.Body("""{"username":"ana","password":"pw-new","permission":"admin"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            var text = await updated.Content.ReadAsStringAsync();
            Assert.Equal("ana", (await Json.Read(updated)).GetProperty("username").GetString());
            Assert.DoesNotContain("pw-new", text, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeTokenHasher.Marker, text, StringComparison.Ordinal);
        }

        Assert.NotEmpty(await Server.TokenFor("ana", "pw-new"));
        using (var old = await Server.PostToken("ana", "pw-ana"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        var stored = Server.Registry.StoredPassword("ana");
        Assert.Equal(new FakeTokenHasher().Hash("pw-new"), stored);
        Assert.NotEqual("pw-new", stored);
    }

    [Fact]
    public async Task Updating_an_unknown_admin_gets_404_and_creates_no_admin()
    {
        using var response = await Admin.PutAsync("/api/v1/admin/users/nobody", Json.Body("""{"password":"pw"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No admin named 'nobody'", await Json.Error(response), StringComparison.Ordinal);
        Assert.Equal(["admin"], await Server.Registry.ListAdmins());
    }

    [Theory]
    [InlineData("""{"username":"ana"}""", "the new password is a required")]
    [InlineData("""{"password":""}""", "the new password is a required")]
    [InlineData("""{"password":["pw"]}""", "the new password is a required")]
    [InlineData("""{"username":"bob","password":"pw-new"}""", "cannot be renamed")]
    [InlineData("""{"password":"pw-new""", "not valid JSON")]
    [InlineData("""["pw-new"]""", "must be a JSON object")]
    public async Task Updating_with_a_bad_body_gets_400_saying_what_was_wrong_and_keeps_the_password(string body, string explanation)
    {
        await CreateAna();

        using (var response = await Admin.PutAsync("/api/v1/admin/users/ana", Json.Body(body)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(explanation, await Json.Error(response), StringComparison.Ordinal);
        }

        Assert.NotEmpty(await Server.TokenFor("ana", "pw-ana"));
        Assert.Equal(["admin", "ana"], await Server.Registry.ListAdmins());
    }

    [Fact]
    public async Task Updating_without_a_token_gets_401_and_keeps_the_password()
    {
        await CreateAna();

        using (var response = await Server.Client.PutAsync("/api/v1/admin/users/ana", Json.Body("""{"password":"pw-new"}""")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.NotEmpty(await Server.TokenFor("ana", "pw-ana"));
        using var login = await Server.PostToken("ana", "pw-new");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    private async Task CreateAna()
    {
        using var created = await Admin.PostAsync("/api/v1/admin/users", Json.Body("""{"username":"ana","password":"pw-ana"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
