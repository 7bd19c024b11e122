using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StreamEngine.Host.KairosDb;

/// <summary>Reads a KairosDB request body as JSON, uncompressing it first when it comes with <c>Content-Encoding: gzip</c>.</summary>
public static class KairosRequestBody
{
    /// <summary>The parsed body; the caller disposes it.</summary>
    /// <exception cref="KairosDbRequestException">The body is empty, not valid JSON, or declared gzip but is not.</exception>
    public static async Task<JsonDocument> Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gzip = request.Headers.ContentEncoding.Any(e => string.Equals(e?.Trim(), "gzip", StringComparison.OrdinalIgnoreCase));
        var body = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new KairosDbRequestException(
                $"The request body is not valid JSON ({e.Message}): send one JSON document with 'Content-Type: application/json'.", e);
        }
        catch (InvalidDataException e)
        {
            throw new KairosDbRequestException(
                "The request body says 'Content-Encoding: gzip' but is not gzip data: compress the body with gzip, or drop the header.", e);
        }
        finally
        {
            if (gzip)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
