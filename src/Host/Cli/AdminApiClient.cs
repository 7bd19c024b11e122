using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Cli;

/// <summary>
/// The few admin API calls (docs/admin-api.md) the simulator needs, logged in as an admin. Every failure becomes a
/// <see cref="SimulationFailedException"/> naming the call, the answer and what to check.
/// </summary>
public sealed class AdminApiClient : IDisposable
{
    private const string Root = "api/v1/admin/";
    private readonly HttpClient _http;

    private AdminApiClient(HttpClient http) => _http = http;

    /// <summary>Gets an admin token with the user's password (POST /token).</summary>
    public static async Task<AdminApiClient> Login(Uri api, string user, string password, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(api);
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var client = new AdminApiClient(http);
            using var request = new HttpRequestMessage(HttpMethod.Post, Root + "token");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            var answer = await client.Send(request, "check --user and --password (or STREAMENGINE_ADMIN_PASSWORD)", cancellation).ConfigureAwait(false);
            var token = answer.GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
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

        return await Send(request, "check that --api points at the engine this simulator registers with", cancellation).ConfigureAwait(false);
    }

    private async Task<JsonElement> Send(HttpRequestMessage request, string advice, CancellationToken cancellation)
    {
        var call = $"{request.Method} {new Uri(_http.BaseAddress!, request.RequestUri!)}";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SimulationFailedException(
                $"Could not reach the admin API ({call}): {e.Message}. Start the engine (dotnet run --project src/Host) or point --api at it.", e);
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new SimulationFailedException($"The admin API did not answer {call} within {_http.Timeout.TotalSeconds:0} s; check that the engine is running.", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new SimulationFailedException($"{call} answered {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorOf(text)}; {advice}.");
            }

            if (text.Length == 0)
            {
                return default;
            }

            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
    }

    private static string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").GetString() ?? body;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body.Length == 0 ? "(no body)" : body;
        }
    }
}
