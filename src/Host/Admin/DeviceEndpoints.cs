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

    private static readonly RegisteredKind<DeviceRecord> Devices = new(
        "device", (registry, id, cancellation) => registry.FindDevice(id, cancellation), d => d.TokenHash, DeviceView.From);

    internal static IResult Missing(long id) => Devices.Missing(id);

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
        var (deviceId, error) = Devices.Id(id);
        return error ?? await Devices.Show(registry, deviceId, cancellation).ConfigureAwait(false);
    }

    private static async Task<IResult> Delete(string id, HttpContext context, [FromServices] IRegistry registry, CancellationToken cancellation)
    {
        var (deviceId, error) = Devices.Id(id);
        if (error is not null)
        {
            return error;
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
        var (deviceId, body, error) = await Devices.IdAndBody(id, request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (ConfigValues.Parse(body, out var invalid) is not { } values)
        {
            return ApiResults.BadRequest(invalid!);
        }

        return await Changed(deviceId, request, registry, registry.SetDeviceConfig(deviceId, values, request.HttpContext.RequestAborted)).ConfigureAwait(false);
    }

    private static async Task<IResult> State(string id, HttpRequest request, [FromServices] IRegistry registry)
    {
        var (deviceId, body, error) = await Devices.IdAndBody(id, request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (JsonBody.Text(body, "state") is not ("true" or "false") || !bool.TryParse(JsonBody.Text(body, "state"), out var state))
        {
            return ApiResults.BadRequest("Send {\"state\":true} to activate the device or {\"state\":false} to deactivate it.");
        }

        return await Changed(deviceId, request, registry, registry.SetDeviceState(deviceId, state, request.HttpContext.RequestAborted)).ConfigureAwait(false);
    }

    /// <summary>After a change to a device: 404 when it did not exist, else the change announced to the topologies and the device as it is now.</summary>
    private static async Task<IResult> Changed(long deviceId, HttpRequest request, IRegistry registry, Task<bool> change)
    {
        if (!await change.ConfigureAwait(false))
        {
            return Missing(deviceId);
        }

        await DeviceChanges.Announce(request.HttpContext, deviceId).ConfigureAwait(false);
        return await Devices.Show(registry, deviceId, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static Task<IResult> Login(string id, HttpRequest request, [FromServices] IRegistry registry, [FromServices] ITokenHasher hasher) =>
        Devices.Login(id, request, registry, hasher);
}
