using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Connectors.Metrics;

/// <summary>
/// Writes datapoints to a real KairosDB over its REST API: one <c>POST {Url}/api/v1/datapoints</c> per batch, the
/// body KairosDB's JSON (<c>[{"name": …, "tags": {…}, "datapoints": [[ts, value], …]}]</c>, one element per series)
/// compressed with gzip. KairosDB answers 204 when it took the batch; any status other than 2xx fails the write.
/// </summary>
/// <remarks>
/// Doubles are written with a decimal point (<c>21.0</c>), since KairosDB stores a number without one as a long.
/// KairosDB keeps one point per metric, tags and timestamp, so a batch written again leaves the same points.
/// </remarks>
public sealed class KairosDbMetricWriter : IMetricWriter
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly TimeSpan timeout;

    /// <summary>A writer sending through <paramref name="http"/> (owned by the caller) to the KairosDB at <see cref="KairosDbSettings.Url"/>.</summary>
    /// <exception cref="ArgumentException">The URL is empty or not an absolute http(s) address.</exception>
    public KairosDbMetricWriter(HttpClient http, KairosDbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"Metrics:KairosDb:Url '{settings.Url}' is not an absolute http or https address: set it to KairosDB's base address, e.g. http://kairosdb:8080.",
                nameof(settings));
        }

        this.http = http;
        endpoint = new Uri(url.AbsoluteUri.TrimEnd('/') + "/api/v1/datapoints");
        timeout = settings.Timeout;
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">KairosDB did not answer 204; the message gives the status and KairosDB's errors.</exception>
    public async Task Write(IReadOnlyList<DataPoint> points, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        using var content = new ByteArrayContent(Body(points));
        content.Headers.ContentType = Json;
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"KairosDB at {endpoint} did not answer a batch of {points.Count} datapoints within {timeout}: check that it is up and reachable, or raise Metrics:KairosDb:Timeout.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            throw new HttpRequestException(
                $"KairosDB at {endpoint} refused a batch of {points.Count} datapoints with {(int)response.StatusCode} {response.ReasonPhrase}: {Errors(body)}. "
                + Advice(response.StatusCode),
                inner: null,
                response.StatusCode);
        }
    }

    /// <summary>The gzip-compressed JSON body: points grouped by series (metric and tags), series in order of first appearance.</summary>
    internal static byte[] Body(IReadOnlyList<DataPoint> points)
    {
        var series = new Dictionary<(string Metric, TagSet Tags), List<DataPoint>>();
        foreach (var point in points)
        {
            var key = (point.Metric, point.Tags);
            if (!series.TryGetValue(key, out var members))
            {
                members = [];
                series.Add(key, members);
            }

            members.Add(point);
        }

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        using (var json = new Utf8JsonWriter(gzip))
        {
            json.WriteStartArray();
            foreach (var ((metric, tags), members) in series)
            {
                json.WriteStartObject();
                json.WriteString("name", metric);
                json.WriteStartObject("tags");
                foreach (var (name, value) in tags)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteStartArray("datapoints");
                foreach (var point in members)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(point.TimestampMs);
                    WriteValue(json, point.Value);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return compressed.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, MetricValue value)
    {
        if (value.IsLong)
        {
            json.WriteNumberValue(value.LongValue);
            return;
        }

        if (!double.IsFinite(value.DoubleValue))
        {
            throw new ArgumentException($"A datapoint has value {value}: KairosDB stores only finite numbers; drop the point or send a number.");
        }

        var text = value.DoubleValue.ToString("R", CultureInfo.InvariantCulture);
        json.WriteRawValue(text.AsSpan().IndexOfAny(".eE") < 0 ? text + ".0" : text, skipInputValidation: true);
    }

    /// <summary>KairosDB's <c>{"errors": [...]}</c> joined, or the body itself when it is not that.</summary>
    private static string Errors(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = new StringBuilder();
                foreach (var error in errors.EnumerateArray())
                {
                    messages.Append(messages.Length == 0 ? string.Empty : "; ").Append(error.ToString());
                }

                return messages.Length == 0 ? "no errors listed" : messages.ToString();
            }
        }
        catch (JsonException)
        {
            // Not KairosDB's error JSON (a proxy's page, say): the body itself is the best explanation.
        }

        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "empty response" : trimmed.Length > 500 ? trimmed[..500] + "…" : trimmed;
    }

    private static string Advice(HttpStatusCode status) => (int)status switch
    {
        400 => "Fix the datapoints KairosDB names (metric names, tags and values must be non-empty, tags at least one per point).",
        401 or 403 => "Give the writer credentials KairosDB accepts, or open the datapoints endpoint to the engine.",
        404 => "Check Metrics:KairosDb:Url: it must be KairosDB's base address, without /api/v1.",
        >= 500 => "KairosDB or its Cassandra failed: check KairosDB's log; the batch may be retried.",
        _ => "Check Metrics:KairosDb:Url and KairosDB's log.",
    };
}
