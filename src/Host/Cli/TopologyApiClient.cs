using System.Net;
using System.Text;
using System.Text.Json;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Cli;

/// <summary>
/// The topology REST API (docs/topology-api.md), logged in as an admin. An error answer becomes a
/// <see cref="CommandFailedException"/> with the call and the API's message, which says what to do.
/// </summary>
public sealed class TopologyApiClient : IDisposable
{
    private const string Root = "api/v1/topologies";
    private readonly HttpClient _http;

    private TopologyApiClient(HttpClient http) => _http = http;

    /// <summary>Logs in with the options' user and password (the admin API's POST /token).</summary>
    public static async Task<TopologyApiClient> Login(TopologyOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(await AdminApiClient.LoggedIn(options.Url, "--url", options.User, options.Password, cancellation).ConfigureAwait(false));
    }

    /// <summary>Deploys a definition document; JSON when <paramref name="json"/>, YAML otherwise. Returns the manager's message.</summary>
    public async Task<string> Deploy(string document, bool json, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Root)
        {
            Content = new StringContent(document, Encoding.UTF8, json ? "application/json" : "application/yaml"),
        };
        return Read<ManagerReply>(await Send(request, cancellation).ConfigureAwait(false)).Message;
    }

    public async Task<IReadOnlyList<TopologySummary>> List(CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Root);
        return Read<List<TopologySummary>>(await Send(request, cancellation).ConfigureAwait(false));
    }

    /// <summary>The topology's description; null when none of that name is deployed (any more).</summary>
    public async Task<TopologyDescription?> Find(string name, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/{Uri.EscapeDataString(name)}");
        var answer = await Send(request, cancellation, HttpStatusCode.NotFound).ConfigureAwait(false);
        return answer is null ? null : Read<TopologyDescription>(answer);
    }

    /// <summary>The topology's description; fails with the API's message when none of that name is deployed.</summary>
    public async Task<TopologyDescription> Describe(string name, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/{Uri.EscapeDataString(name)}");
        return Read<TopologyDescription>(await Send(request, cancellation).ConfigureAwait(false));
    }

    /// <summary>POSTs an action (activate, deactivate, rebalance, kill) with its query; returns the manager's message.</summary>
    public async Task<string> Act(string name, string action, string query, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Root}/{Uri.EscapeDataString(name)}/{action}{query}");
        return Read<ManagerReply>(await Send(request, cancellation).ConfigureAwait(false)).Message;
    }

    public void Dispose() => _http.Dispose();

    private static T Read<T>(string? body) => JsonSerializer.Deserialize<T>(body!, TopologyJson.Options)
        ?? throw new CommandFailedException($"The engine answered '{body}' where a {typeof(T).Name} was expected; check that the CLI and the engine are the same version.");

    /// <returns>The answer's body; null when the status is <paramref name="absent"/>.</returns>
    private async Task<string?> Send(HttpRequestMessage request, CancellationToken cancellation, HttpStatusCode? absent = null)
    {
        var (status, body, call) = await ApiExchange.Send(_http, request, "--url", cancellation).ConfigureAwait(false);
        if (status == absent)
        {
            return null;
        }

        return (int)status is >= 200 and <= 299
            ? body
            : throw new CommandFailedException($"{call} answered {(int)status} {status}: {ApiExchange.ErrorOf(body)}");
    }
}
