using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>Gateways (appendix D.14–D.19): create, list, get, delete, config, login. Token hashes are never shown.</summary>
public static class GatewayEndpoints
{
    public static void Map(RouteGroupBuilder secured)
    {
        ArgumentNullException.ThrowIfNull(secured);
        secured.MapPost("/gateways", Create);
        secured.MapGet("/gateways", List);
        secured.MapGet("/gateways/{id}", Get);
        secured.MapDelete("/gateways/{id}", Delete);
        secured.MapPut("/gateways/{id}/config", Config);
        secured.MapPost("/gateways/{id}/login", Login);
    }

    private static IResult Missing(long id) =>
        ApiResults.NotFound($"No gateway with id {id}. List the registered ones with GET /api/v1/admin/gateways.");

    private static async Task<IResult> Create([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var issued = await registry.CreateGateway(cancellation).ConfigureAwait(false);
        return Results.Created($"/api/v1/admin/gateways/{issued.Id}", new CreatedGateway(issued.Id, issued.Token));
    }

    private static async Task<IResult> List([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var gateways = await registry.ListGateways(cancellation).ConfigureAwait(false);
        return Results.Ok(gateways.Select(GatewayView.From));
    }

    private static async Task<IResult> Get(string id, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        if (!RouteId.TryParse(id, out var gatewayId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("gateway", id));
        }

        return await registry.FindGateway(gatewayId, cancellation).ConfigureAwait(false) is { } gateway
            ? Results.Ok(GatewayView.From(gateway))
            : Missing(gatewayId);
    }

    private static async Task<IResult> Delete(string id, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        if (!RouteId.TryParse(id, out var gatewayId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("gateway", id));
        }

        return await registry.DeleteGateway(gatewayId, cancellation).ConfigureAwait(false) ? Results.NoContent() : Missing(gatewayId);
    }

    private static async Task<IResult> Config(string id, HttpRequest request, [FromServices] IRegistry registry)
    {
        if (!RouteId.TryParse(id, out var gatewayId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("gateway", id));
        }

        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        if (ConfigValues.Parse(json, out error) is not { } values)
        {
            return ApiResults.BadRequest(error!);
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (!await registry.SetGatewayConfig(gatewayId, values, cancellation).ConfigureAwait(false))
        {
            return Missing(gatewayId);
        }

        return await registry.FindGateway(gatewayId, cancellation).ConfigureAwait(false) is { } gateway
            ? Results.Ok(GatewayView.From(gateway))
            : Missing(gatewayId);
    }

    private static async Task<IResult> Login(string id, HttpRequest request, [FromServices] IRegistry registry, [FromServices] ITokenHasher hasher)
    {
        if (!RouteId.TryParse(id, out var gatewayId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("gateway", id));
        }

        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        if (JsonBody.Text(json, "auth") is not { Length: > 0 } token)
        {
            return ApiResults.BadRequest("Send the gateway's token as {\"auth\":\"<token>\"}.");
        }

        if (await registry.FindGateway(gatewayId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } gateway)
        {
            return Missing(gatewayId);
        }

        return hasher.Verify(token, gateway.TokenHash)
            ? Results.Ok(GatewayView.From(gateway))
            : ApiResults.Unauthorized($"Wrong token for gateway {gatewayId}.");
    }
}
