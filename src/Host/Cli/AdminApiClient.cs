using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Cli;

/// <summary>
/// The few admin API calls (docs/admin-api.md) the simulator needs, logged in as an admin. Every failure becomes a
/// <see cref="CommandFailedException"/> naming the call, the answer and what to check.
/// </summary>
public sealed class AdminApiClient : IDisposable
{
    private const string Root = "api/v1/admin/";
    private readonly HttpClient _http;

    private AdminApiClient(HttpClient http) => _http = http;

    /// <summary>Gets an admin token with the user's password (POST /token).</summary>
    public static async Task<AdminApiClient> Login(Uri api, string user, string password, CancellationToken cancellation) =>
        new(await LoggedIn(api, "--api", user, password, cancellation).ConfigureAwait(false));

    /// <summary>
    /// Gets an admin token with the user's password (POST /token) and returns a client of <paramref name="api"/> that
    /// sends it; a wrong password or an unreachable engine fails with a <see cref="CommandFailedException"/>.
    /// </summary>
    /// <param name="api">The engine's address.</param>
    /// <param name="urlOption">The CLI option that gave <paramref name="api"/>, named when the engine cannot be reached.</param>
    /// <param name="user">The admin user.</param>
    /// <param name="password">The admin's password.</param>
    /// <param name="cancellation">Ends the wait for the token.</param>
    public static async Task<HttpClient> LoggedIn(Uri api, string urlOption, string user, string password, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(api);
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Root + "token");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            var answer = await Answer(http, request, urlOption, "check --user and --password (or STREAMENGINE_ADMIN_PASSWORD)", cancellation).ConfigureAwait(false);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.GetProperty("token").GetString());
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Ids of the registered gateways.</summary>
    public async Task<IReadOnlySet<long>> GatewayIds(CancellationToken cancellation)
    {
        var list = await Send(HttpMethod.Get, "gateways", null, cancellation).ConfigureAwait(false);
        return list.EnumerateArray().Select(g => g.GetProperty("id").GetInt64()).ToHashSet();
    }

    /// <summary>The registered devices' ids and states (true = active).</summary>
    public async Task<IReadOnlyDictionary<long, bool>> DeviceStates(CancellationToken cancellation)
    {
        var list = await Send(HttpMethod.Get, "devices", null, cancellation).ConfigureAwait(false);
        return list.EnumerateArray().ToDictionary(d => d.GetProperty("id").GetInt64(), d => d.GetProperty("state").GetBoolean());
    }

    public async Task<IssuedCredentials> CreateGateway(CancellationToken cancellation) =>
        Issued(await Send(HttpMethod.Post, "gateways", null, cancellation).ConfigureAwait(false));

    /// <summary>Creates a device; new devices start inactive.</summary>
    public async Task<IssuedCredentials> CreateDevice(CancellationToken cancellation) =>
        Issued(await Send(HttpMethod.Post, "devices", null, cancellation).ConfigureAwait(false));

    public Task SetDeviceState(long id, bool active, CancellationToken cancellation) =>
        Send(HttpMethod.Put, $"devices/{id}/state", new { state = active }, cancellation);

    /// <summary>Merges config keys (name, owner, phone, limits) into the device's config.</summary>
    public Task SetDeviceConfig(long id, IReadOnlyDictionary<string, object> config, CancellationToken cancellation) =>
        Send(HttpMethod.Put, $"devices/{id}/config", config, cancellation);

    public void Dispose() => _http.Dispose();

    private static IssuedCredentials Issued(JsonElement created) =>
        new(created.GetProperty("id").GetInt64(), created.GetProperty("auth").GetString() ?? "");

    private async Task<JsonElement> Send(HttpMethod method, string path, object? body, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, Root + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Answer(_http, request, "--api", "check that --api points at the engine this simulator registers with", cancellation).ConfigureAwait(false);
    }

    private static async Task<JsonElement> Answer(HttpClient http, HttpRequestMessage request, string urlOption, string advice, CancellationToken cancellation)
    {
        var (status, text, call) = await ApiExchange.Send(http, request, urlOption, cancellation).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw new CommandFailedException($"{call} answered {(int)status} {status}: {ApiExchange.ErrorOf(text)}; {advice}.");
        }

        if (text.Length == 0)
        {
            return default;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
