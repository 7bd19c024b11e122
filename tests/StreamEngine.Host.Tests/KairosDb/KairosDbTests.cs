using System.Net;
using System.Text.Json;

namespace StreamEngine.Host.Tests.KairosDb;

/// <summary>Base of the KairosDB API tests: a fresh server per test, and helpers to post KairosDB JSON and read its answers.</summary>
public abstract class KairosDbTests : IAsyncLifetime
{
    /// <summary>2013-02-02T00:00:00Z, a midnight, so aligned ranges fall on it.</summary>
    public const long T0 = 1_359_763_200_000;

    private KairosDbServer? _server;

    protected KairosDbServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    protected HttpClient Client => Server.Client;

    public async Task InitializeAsync() => _server = await KairosDbServer.Start();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The raw <c>values</c> of one result, e.g. <c>[[1359763200000,2.0]]</c>.</summary>
    protected static string Values(JsonElement answer, int query = 0, int result = 0) =>
        Result(answer, query, result).GetProperty("values").GetRawText();

    protected static JsonElement Result(JsonElement answer, int query = 0, int result = 0) =>
        answer.GetProperty("queries")[query].GetProperty("results")[result];

    protected async Task Add(string json)
    {
        using var response = await Client.PostAsync("/api/v1/datapoints", Json.Body(json));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    protected async Task<JsonElement> Query(string json, string path = "/api/v1/datapoints/query")
    {
        using var response = await Client.PostAsync(path, Json.Body(json));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json.Read(response);
    }

    /// <summary>Posts and expects KairosDB's 400 <c>{"errors": [...]}</c>; returns the single error.</summary>
    protected async Task<string> Rejected(string path, HttpContent body)
    {
        using var response = await Client.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json.Read(response)).GetProperty("errors");
        return Assert.Single(errors.EnumerateArray()).GetString()!;
    }
}
