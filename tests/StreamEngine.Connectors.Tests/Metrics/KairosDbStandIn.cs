using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamEngine.Connectors.Tests.Metrics;

/// <summary>
/// A small real HTTP server on 127.0.0.1 standing in for KairosDB's <c>POST /api/v1/datapoints</c>: it records each
/// request (decompressing gzip bodies) and answers with the status and body the test sets.
/// </summary>
internal sealed class KairosDbStandIn : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public KairosDbStandIn()
    {
        // HttpListener cannot bind port 0: take a free port from the OS and listen there.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(Url);
        listener.Start();
        serving = Task.Run(Serve);
    }

    public string Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    public string ResponseBody { get; set; } = string.Empty;

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving.ConfigureAwait(false);
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var raw = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(raw).ConfigureAwait(false);
            var encoding = context.Request.Headers["Content-Encoding"];
            var body = raw.ToArray();
            if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gzip.CopyToAsync(plain).ConfigureAwait(false);
                body = plain.ToArray();
            }

            Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, encoding, context.Request.ContentType, Encoding.UTF8.GetString(body)));
            context.Response.StatusCode = (int)Status;
            var answer = Encoding.UTF8.GetBytes(ResponseBody);
            if (answer.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer).ConfigureAwait(false);
            }

            context.Response.Close();
        }
    }

    internal sealed record Received(string Method, string Path, string? ContentEncoding, string? ContentType, string Body);
}
