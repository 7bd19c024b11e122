using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>
/// Admins (appendix D.3–D.6): create, list, show, change the password, delete. Passwords are never shown, not even
/// hashed, so the update answers the admin as show does rather than with the hash appendix D.5 returns.
/// </summary>
public static class UserEndpoints
{
    public static void Map(RouteGroupBuilder secured)
    {
        ArgumentNullException.ThrowIfNull(secured);
        secured.MapPost("/users", Create);
        secured.MapGet("/users", List);
        secured.MapGet("/users/{user}", Show);
        secured.MapPut("/users/{user}", Update);
        secured.MapDelete("/users/{user}", Delete);
    }

    private static async Task<IResult> Create(HttpRequest request, [FromServices] IRegistry registry)
    {
        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        var username = JsonBody.Text(json, "username");
        var password = JsonBody.Text(json, "password");
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return ApiResults.BadRequest("Send {\"username\":\"...\",\"password\":\"...\"}: both are required strings.");
        }

        if (!await registry.CreateAdmin(username, password, request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            return ApiResults.Conflict($"An admin named '{username}' already exists.");
        }

        return Results.Created($"/api/v1/admin/users/{Uri.EscapeDataString(username)}", new UserView(username));
    }

    private static async Task<IResult> List([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var admins = await registry.ListAdmins(cancellation).ConfigureAwait(false);
        return Results.Ok(admins.Select(name => new UserView(name)));
    }

    private static async Task<IResult> Show(string user, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var admins = await registry.ListAdmins(cancellation).ConfigureAwait(false);
        return admins.Contains(user, StringComparer.Ordinal)
            ? Results.Ok(new UserView(user))
            : ApiResults.NotFound($"No admin named '{user}'.");
    }

    private static async Task<IResult> Update(string user, HttpRequest request, [FromServices] IRegistry registry)
    {
        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        var password = JsonBody.Text(json, "password");
        if (string.IsNullOrEmpty(password))
        {
            return ApiResults.BadRequest("Send {\"password\":\"...\"}: the new password is a required, non-empty string.");
        }

        if (json.TryGetProperty("username", out var named) && !(named.ValueKind == JsonValueKind.String && named.GetString() == user))
        {
            return ApiResults.BadRequest(
                $"The body's username {named.GetRawText()} is not the path's '{user}': an admin cannot be renamed. Leave 'username' out, or create the new admin and delete this one.");
        }

        return await registry.SetAdminPassword(user, password, request.HttpContext.RequestAborted).ConfigureAwait(false)
            ? Results.Ok(new UserView(user))
            : ApiResults.NotFound($"No admin named '{user}'.");
    }

    private static async Task<IResult> Delete(string user, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var admins = await registry.ListAdmins(cancellation).ConfigureAwait(false);
        if (!admins.Contains(user, StringComparer.Ordinal))
        {
            return ApiResults.NotFound($"No admin named '{user}'.");
        }

        if (admins.Count == 1)
        {
            return ApiResults.Conflict($"'{user}' is the last admin: create another admin before deleting this one.");
        }

        return await registry.DeleteAdmin(user, cancellation).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound($"No admin named '{user}'.");
    }
}
