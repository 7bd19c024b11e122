using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>POST /api/v1/admin/token (HTTP Basic → JWT) and GET /api/v1/admin/token (check a bearer JWT), appendix D.1–D.2.</summary>
public static class TokenEndpoints
{
    /// <summary>Maps POST /token, the one call that needs no bearer token.</summary>
    public static void MapIssue(RouteGroupBuilder open) => open.MapPost("/token", Issue);

    /// <summary>Maps GET /token on the group that requires a bearer token.</summary>
    public static void MapCheck(RouteGroupBuilder secured) => secured.MapGet("/token", Check);

    private static async Task<IResult> Issue(HttpRequest request, [FromServices] IRegistry registry, [FromServices] AdminTokenService tokens)
    {
        if (BasicCredentials.Parse(request.Headers.Authorization.ToString()) is not { } credentials)
        {
            return ApiResults.Unauthorized("Send the admin's username and password with HTTP Basic auth ('Authorization: Basic base64(user:password)', curl -u user:password).");
        }

        if (!await registry.VerifyAdmin(credentials.Username, credentials.Password, request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            return ApiResults.Unauthorized("Wrong username or password.");
        }

        return Results.Ok(new IssuedToken(tokens.Issue(credentials.Username), (int)tokens.Lifetime.TotalSeconds));
    }

    private static IResult Check(HttpContext context) =>
        Results.Ok(new TokenSubject((string)context.Items[BearerAuthFilter.SubjectKey]!));
}
