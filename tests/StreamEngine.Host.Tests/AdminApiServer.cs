using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Admin;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Tests;

/// <summary>
/// The admin API on a real Kestrel at 127.0.0.1 on a free port, over an in-memory registry; with a topology manager
/// client, the topology API too.
/// </summary>
public sealed class AdminApiServer : IAsyncDisposable
{
    public const string AdminPassword = "correct horse battery staple";
    public const string JwtKey = "a-test-signing-key-of-at-least-32-bytes!";

    private readonly WebApplication _app;

    private AdminApiServer(WebApplication app, InMemoryRegistry registry, Uri address)
    {
        _app = app;
        Registry = registry;
        Client = new HttpClient { BaseAddress = address };
    }

    public InMemoryRegistry Registry { get; }

    /// <summary>A client without any Authorization header.</summary>
    public HttpClient Client { get; }

    public AdminTokenService Tokens => _app.Services.GetRequiredService<AdminTokenService>();

    public static async Task<AdminApiServer> Start(string? adminPassword = AdminPassword, ITopologyManagerClient? topologies = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Admin:JwtKey"] = JwtKey;
        builder.Configuration["Admin:Password"] = adminPassword;
        var hasher = new FakeTokenHasher();
        var registry = new InMemoryRegistry(hasher);
        builder.Services.AddSingleton<ITokenHasher>(hasher);
        builder.Services.AddSingleton<IRegistry>(registry);
        builder.Services.AddAdminApi(builder.Configuration);
        if (topologies is not null)
        {
            builder.Services.AddSingleton(topologies);
        }

        var app = builder.Build();
        app.MapAdminApi();
        if (topologies is not null)
        {
            app.MapTopologyApi();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AdminApiServer(app, registry, new Uri(address));
    }

    /// <summary>Logs in as the first admin and returns a client that sends the bearer token.</summary>
    public async Task<HttpClient> LoggedIn()
    {
        var token = await TokenFor("admin", AdminPassword);
        return WithBearer(token);
    }

    public HttpClient WithBearer(string token)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string username, string password)
    {
        using var response = await PostToken(username, password);
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<IssuedToken>();
        return issued!.Token;
    }

    public async Task<HttpResponseMessage> PostToken(string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
