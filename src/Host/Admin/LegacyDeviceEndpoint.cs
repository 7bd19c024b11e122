using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>
/// PUT /api/v1/admin/devices (appendix D.13): registers a device that already has an id and a token, as the legacy API
/// knows it. Body: <c>{"id":1234,"auth":"64089519511846157"}</c>, optionally with the legacy fields, kept as config keys:
/// <c>comfort_interval.min/max</c> → <c>minTemperature/maxTemperature</c>, <c>name</c>, <c>group</c>,
/// <c>user.name</c> → <c>owner</c>, <c>user.phone</c> → <c>phone</c>; and a <c>config</c> object of further keys.
/// </summary>
public static class LegacyDeviceEndpoint
{
    internal static async Task<IResult> Create(HttpRequest request, [FromServices] IRegistry registry)
    {
        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ApiResults.BadRequest(error!);
        }

        var idText = JsonBody.Text(json, "id");
        if (!RouteId.TryParse(idText, out var id))
        {
            return ApiResults.BadRequest(idText is null
                ? "Send the device's existing id and token: {\"id\":1234,\"auth\":\"<token>\"}."
                : RouteId.Invalid("device", idText));
        }

        if (JsonBody.Text(json, "auth") is not { Length: > 0 } token)
        {
            return ApiResults.BadRequest("Send the device's existing token as \"auth\": {\"id\":1234,\"auth\":\"<token>\"}.");
        }

        var config = LegacyConfig(json, out error);
        if (config is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (!await registry.CreateLegacyDevice(id, token, cancellation).ConfigureAwait(false))
        {
            return ApiResults.Conflict($"A device with id {id} already exists.");
        }

        if (config.Count > 0)
        {
            await registry.SetDeviceConfig(id, config, cancellation).ConfigureAwait(false);
        }

        await DeviceChanges.Announce(request.HttpContext, id).ConfigureAwait(false);

        return await registry.FindDevice(id, cancellation).ConfigureAwait(false) is { } device
            ? Results.Ok(DeviceView.From(device))
            : DeviceEndpoints.Missing(id);
    }

    private static Dictionary<string, string>? LegacyConfig(JsonElement body, out string? error)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("comfort_interval", out var comfort) && comfort.ValueKind == JsonValueKind.Object)
        {
            Add(config, "minTemperature", JsonBody.Text(comfort, "min"));
            Add(config, "maxTemperature", JsonBody.Text(comfort, "max"));
        }

        Add(config, "name", JsonBody.Text(body, "name"));
        Add(config, "group", JsonBody.Text(body, "group"));
        if (body.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object)
        {
            Add(config, "owner", JsonBody.Text(user, "name"));
            Add(config, "phone", JsonBody.Text(user, "phone"));
        }

        if (body.TryGetProperty("config", out var extra) && extra.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in extra.EnumerateObject())
            {
                if (JsonBody.ScalarText(property.Value) is not { } text)
                {
                    error = $"Config key '{property.Name}' must be a string, number or boolean.";
                    return null;
                }

                config[property.Name] = text;
            }
        }

        foreach (var (key, text) in config)
        {
            if (ConfigValues.Check(key, text) is { } invalid)
            {
                error = invalid;
                return null;
            }
        }

        error = null;
        return config;
    }

    private static void Add(Dictionary<string, string> config, string key, string? text)
    {
        if (text is not null)
        {
            config[key] = text;
        }
    }
}
