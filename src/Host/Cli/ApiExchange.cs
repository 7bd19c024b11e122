using System.Net;
using System.Text.Json;

namespace StreamEngine.Host.Cli;

/// <summary>One call of the CLI to the engine's REST API: what it answered, or why it could not be reached.</summary>
public static class ApiExchange
{
    /// <summary>
    /// Sends the request and reads the answer's status and text. Fails with a <see cref="CommandFailedException"/>
    /// naming the call when the engine cannot be reached or does not answer in time.
    /// </summary>
    /// <param name="http">The client, its base address the engine's.</param>
    /// <param name="request">The call.</param>
    /// <param name="urlOption">The CLI option that says where the engine is, for the advice when it cannot be reached.</param>
    /// <param name="cancellation">Ends the wait for the answer.</param>
    /// <returns>The status, the body and the call as <c>METHOD URL</c>, for messages.</returns>
    public static async Task<(HttpStatusCode Status, string Body, string Call)> Send(
        HttpClient http, HttpRequestMessage request, string urlOption, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var call = $"{request.Method} {new Uri(http.BaseAddress!, request.RequestUri!)}";
        try
        {
            using var response = await http.SendAsync(request, cancellation).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false), call);
        }
        catch (HttpRequestException e)
        {
            throw new CommandFailedException(
                $"Could not reach the engine's REST API ({call}): {e.Message}. Start the engine (dotnet run --project src/Host) or point {urlOption} at it.", e);
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new CommandFailedException($"The engine did not answer {call} within {http.Timeout.TotalSeconds:0} s; check that it is running.", e);
        }
    }

    /// <summary>The <c>error</c> of an error body, each entry of its <c>errors</c> list on a line of its own; the text itself when it is no such body.</summary>
    public static string ErrorOf(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("error").GetString() ?? body;
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? string.Concat([error, .. errors.EnumerateArray().Select(e => $"\n  {e.GetProperty("path").GetString()}: {e.GetProperty("message").GetString()}")])
                : error;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body.Length == 0 ? "(no body)" : body;
        }
    }
}
