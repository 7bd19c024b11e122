using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>Gateways (appendix D.14–D.19): create, list, get, delete, config, login. Token hashes are never shown.</summary>
public static class GatewayEndpoints
{
    private static readonly RegisteredKind<GatewayRecord> Gateways = new(
        "gateway", (registry, id, cancellation) => registry.FindGateway(id, cancellation), g => g.TokenHash, GatewayView.From);

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

    private static async Task<IResult> Create(HttpContext context, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var issued = await registry.CreateGateway(cancellation).ConfigureAwait(false);

        // Reports that came with this id before it existed left "unknown" in the authentication caches.
        await DeviceChanges.Announce(context, issued.Id).ConfigureAwait(false);
        return Results.Created($"/api/v1/admin/gateways/{issued.Id}", new CreatedGateway(issued.Id, issued.Token));
    }

    private static async Task<IResult> List([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var gateways = await registry.ListGateways(cancellation).ConfigureAwait(false);
        return Results.Ok(gateways.Select(GatewayView.From));
    }

    private static async Task<IResult> Get(string id, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var (gatewayId, error) = Gateways.Id(id);
        return error ?? await Gateways.Show(registry, gatewayId, cancellation).ConfigureAwait(false);
    }

    private static async Task<IResult> Delete(string id, HttpContext context, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var (gatewayId, error) = Gateways.Id(id);
        if (error is not null)
        {
            return error;
        }

        if (!await registry.DeleteGateway(gatewayId, cancellation).ConfigureAwait(false))
        {
            return Gateways.Missing(gatewayId);
        }

        await DeviceChanges.Announce(context, gatewayId).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> Config(string id, HttpRequest request, [FromServices] IRegistry registry)
    {
        var (gatewayId, body, error) = await Gateways.IdAndBody(id, request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (ConfigValues.Parse(body, out var invalid) is not { } values)
        {
            return ApiResults.BadRequest(invalid!);
        }

        var cancellation = request.HttpContext.RequestAborted;
        return await registry.SetGatewayConfig(gatewayId, values, cancellation).ConfigureAwait(false)
            ? await Gateways.Show(registry, gatewayId, cancellation).ConfigureAwait(false)
            : Gateways.Missing(gatewayId);
    }

    private static Task<IResult> Login(string id, HttpRequest request, [FromServices] IRegistry registry, [FromServices] ITokenHasher hasher) =>
        Gateways.Login(id, request, registry, hasher);
}
