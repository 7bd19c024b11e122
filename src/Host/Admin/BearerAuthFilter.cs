using Microsoft.AspNetCore.Http;

namespace StreamEngine.Host.Admin;

/// <summary>Lets a call through only with a valid bearer JWT; otherwise 401 with what was wrong.</summary>
public sealed class BearerAuthFilter(AdminTokenService tokens) : IEndpointFilter
{
    /// <summary>The key under which the token's subject is put into <see cref="HttpContext.Items"/>.</summary>
    public const string SubjectKey = "admin.subject";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return ApiResults.Unauthorized("No bearer token. Get one with POST /api/v1/admin/token (HTTP Basic auth) and send it as 'Authorization: Bearer <token>'.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Unauthorized("The Authorization header is not 'Bearer <token>'. Get a token with POST /api/v1/admin/token and send it as 'Authorization: Bearer <token>'.");
        }

        var check = tokens.Check(header["Bearer ".Length..].Trim());
        if (!check.IsValid)
        {
            return ApiResults.Unauthorized(check.Error!);
        }

        context.HttpContext.Items[SubjectKey] = check.Subject;
        return await next(context).ConfigureAwait(false);
    }
}
