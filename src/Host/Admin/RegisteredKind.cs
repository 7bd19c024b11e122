using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>
/// What the device and gateway endpoints do alike, for one of the two kinds: the 404 of an unknown id, reading a
/// request's route id and JSON body, showing a record, and the token login (appendix D.13 and D.19).
/// </summary>
/// <param name="name">The kind as the API's messages and routes name it: <c>device</c> or <c>gateway</c>.</param>
/// <param name="find">Looks a record up in the registry.</param>
/// <param name="tokenHash">The record's stored token hash.</param>
/// <param name="view">The record as the API shows it, never with its token hash.</param>
internal sealed class RegisteredKind<TRecord>(
    string name, Func<IRegistry, long, CancellationToken, Task<TRecord?>> find, Func<TRecord, string> tokenHash, Func<TRecord, object> view)
    where TRecord : class
{
    public IResult Missing(long id) =>
        ApiResults.NotFound($"No {name} with id {id}. List the registered ones with GET /api/v1/admin/{name}s.");

    /// <summary>The id in the route, or the 400 to answer.</summary>
    public (long Id, IResult? Error) Id(string id) =>
        RouteId.TryParse(id, out var parsed) ? (parsed, null) : (0, ApiResults.BadRequest(RouteId.Invalid(name, id)));

    /// <summary>The id in the route and the JSON object in the body, or the 400 to answer.</summary>
    public async Task<(long Id, JsonElement Body, IResult? Error)> IdAndBody(string id, HttpRequest request)
    {
        var (parsed, invalid) = Id(id);
        if (invalid is not null)
        {
            return (0, default, invalid);
        }

        var (body, error) = await JsonBody.ReadObject(request).ConfigureAwait(false);
        return body is { } json ? (parsed, json, null) : (0, default, ApiResults.BadRequest(error!));
    }

    /// <summary>200 with the record as it is now, or 404.</summary>
    public async Task<IResult> Show(IRegistry registry, long id, CancellationToken cancellation) =>
        await find(registry, id, cancellation).ConfigureAwait(false) is { } record ? Results.Ok(view(record)) : Missing(id);

    /// <summary>Checks the token in the body (<c>{"auth":"…"}</c>) against the record's: 200 with the record, 401, 404 or 400.</summary>
    public async Task<IResult> Login(string id, HttpRequest request, IRegistry registry, ITokenHasher hasher)
    {
        var (recordId, body, error) = await IdAndBody(id, request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (JsonBody.Text(body, "auth") is not { Length: > 0 } token)
        {
            return ApiResults.BadRequest($"Send the {name}'s token as {{\"auth\":\"<token>\"}}.");
        }

        if (await find(registry, recordId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } record)
        {
            return Missing(recordId);
        }

        return hasher.Verify(token, tokenHash(record))
            ? Results.Ok(view(record))
            : ApiResults.Unauthorized($"Wrong token for {name} {recordId}.");
    }
}
