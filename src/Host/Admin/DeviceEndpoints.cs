using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>
/// Devices (appendix D.7–D.13, and DESIGN 6b's state endpoint): create, list, get, delete, config, state, login and
/// the legacy create. Token hashes are never shown; the clear token only once, when the device is created.
/// </summary>
public static class DeviceEndpoints
{
    public static void Map(RouteGroupBuilder secured)
    {
        ArgumentNullException.ThrowIfNull(secured);
        secured.MapPost("/devices", Create);
        secured.MapPut("/devices", LegacyDeviceEndpoint.Create);
        secured.MapGet("/devices", List);
        secured.MapGet("/devices/{id}", Get);
        secured.MapDelete("/devices/{id}", Delete);
        secured.MapPut("/devices/{id}/config", Config);
        secured.MapPut("/devices/{id}/state", State);
        secured.MapPost("/devices/{id}/login", Login);
    }

    internal static IResult Missing(long id) =>
        ApiResults.NotFound($"No device with id {id}. List the registered ones with GET /api/v1/admin/devices.");

    private static async Task<IResult> Create([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var issued = await registry.CreateDevice(cancellation).ConfigureAwait(false);
        return Results.Created($"/api/v1/admin/devices/{issued.Id}", new CreatedDevice(issued.Id, issued.Token, false));
    }

    private static async Task<IResult> List([FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var devices = await registry.ListDevices(cancellation).ConfigureAwait(false);
        return Results.Ok(devices.Select(DeviceView.From));
    }

    private static async Task<IResult> Get(string id, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        if (!RouteId.TryParse(id, out var deviceId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("device", id));
        }

        return await registry.FindDevice(deviceId, cancellation).ConfigureAwait(false) is { } device
            ? Results.Ok(DeviceView.From(device))
            : Missing(deviceId);
    }

    private static async Task<IResult> Delete(string id, HttpContext context, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        if (!RouteId.TryParse(id, out var deviceId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("device", id));
        }

        if (!await registry.DeleteDevice(deviceId, cancellation).ConfigureAwait(false))
        {
            return Missing(deviceId);
        }

        await DeviceChanges.Announce(context, deviceId).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> Config(string id, HttpRequest request, [FromServices] IRegistry registry)
    {
        if (!RouteId.TryParse(id, out var deviceId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("device", id));
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
        if (!await registry.SetDeviceConfig(deviceId, values, cancellation).ConfigureAwait(false))
        {
            return Missing(deviceId);
        }

        await DeviceChanges.Announce(request.HttpContext, deviceId).ConfigureAwait(false);

        return await registry.FindDevice(deviceId, cancellation).ConfigureAwait(false) is { } device
            ? Results.Ok(DeviceView.From(device))
            : Missing(deviceId);
    }

    private static async Task<IResult> State(string id, HttpRequest request, [FromServices] IRegistry registry)
    {
        if (!RouteId.TryParse(id, out var deviceId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("device", id));
        }

        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        if (JsonBody.Text(json, "state") is not ("true" or "false") || !bool.TryParse(JsonBody.Text(json, "state"), out var state))
        {
            return ApiResults.BadRequest("Send {\"state\":true} to activate the device or {\"state\":false} to deactivate it.");
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (!await registry.SetDeviceState(deviceId, state, cancellation).ConfigureAwait(false))
        {
            return Missing(deviceId);
        }

        await DeviceChanges.Announce(request.HttpContext, deviceId).ConfigureAwait(false);

        return await registry.FindDevice(deviceId, cancellation).ConfigureAwait(false) is { } device
            ? Results.Ok(DeviceView.From(device))
            : Missing(deviceId);
    }

    private static async Task<IResult> Login(string id, HttpRequest request, [FromServices] IRegistry registry, [FromServices] ITokenHasher hasher)
    {
        if (!RouteId.TryParse(id, out var deviceId))
        {
            return ApiResults.BadRequest(RouteId.Invalid("device", id));
        }

        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        if (JsonBody.Text(json, "auth") is not { Length: > 0 } token)
        {
            return ApiResults.BadRequest("Send the device's token as {\"auth\":\"<token>\"}.");
        }

        if (await registry.FindDevice(deviceId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } device)
        {
            return Missing(deviceId);
        }

        return hasher.Verify(token, device.TokenHash)
            ? Results.Ok(DeviceView.From(device))
            : ApiResults.Unauthorized($"Wrong token for device {deviceId}.");
    }
}
