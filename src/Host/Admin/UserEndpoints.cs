using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>Admins (appendix D.3–D.6): create, list, show, delete. Passwords are never shown, not even hashed.</summary>
public static class UserEndpoints
{
    public static void Map(RouteGroupBuilder secured)
    {
        ArgumentNullException.ThrowIfNull(secured);
        secured.MapPost("/users", Create);
        secured.MapGet("/users", List);
        secured.MapGet("/users/{user}", Show);
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
