using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Readings;

namespace StreamEngine.Topologies.Legacy;

/// <summary>
/// The legacy topology (thesis 7.3.6): parse → the legacy gateway message → HTTP POST to <see cref="LegacySettings.Url"/>
/// with at most <see cref="LegacySettings.Parallelism"/> posts in flight, and up to <see cref="LegacySettings.Window"/>
/// readings in the stage, so that a slow answer holds up only the offsets behind it, not the posts. Connection errors,
/// timeouts, 408, 429 and 5xx are retried with backoff up to <see cref="LegacySettings.MaxRetries"/> times; what still
/// fails, and any other refusal (4xx), becomes a <c>legacy-failed</c> dead letter with the last status and body. The
/// reading's offset is passed on after its post succeeded or its dead letter was made.
/// </summary>
public static class LegacyTopology
{
    public const string TopologyName = "legacy";

    private const int MaxBodyInDetail = 1_024;

    /// <param name="settings">Where and how to post.</param>
    /// <param name="http">The client to post with (its own timeout should be longer than <see cref="LegacySettings.RequestTimeout"/>).</param>
    /// <param name="deviceAuth">The device's legacy token for the message's <c>auth</c>, or null to leave it out: readings carry no token.</param>
    /// <param name="clock">The clock of the dead letters' <c>at</c>.</param>
    /// <param name="metrics">Counts the stages <c>parse</c> and <c>legacy-post</c> (a post's latency includes its retries).</param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        LegacySettings settings, HttpClient http, Func<long, string?> deviceAuth, TimeProvider clock, TopologyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(deviceAuth);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(metrics);
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url))
        {
            throw new ArgumentException(
                $"Legacy:Url '{settings.Url}' is not an absolute URL; set it to the legacy API's address (e.g. http://legacy.example/api/readings) or do not deploy the legacy topology.",
                nameof(settings));
        }

        var posting = new SemaphoreSlim(settings.Parallelism);
        return Flow.Create<CommittableMessage>()
            .Select(metrics.Stage("parse").Timed((CommittableMessage m) => Parse(m, deviceAuth, settings, clock)))
            .Named("parse")
            .SelectAsync(settings.Window, metrics.Stage("legacy-post").TimedAsync(((CommittableMessage Message, byte[]? Body, ProducerRecord? DeadLetter) p) => Post(p, url, http, posting, settings, clock)))
            .Named("legacy-post")
            .Named(TopologyName);
    }

    private static (CommittableMessage Message, byte[]? Body, ProducerRecord? DeadLetter) Parse(
        CommittableMessage message, Func<long, string?> deviceAuth, LegacySettings settings, TimeProvider clock)
    {
        try
        {
            var reading = ReadingJson.Deserialize(message.Record.Value);
            return (message, LegacyMessage.Serialize(reading, deviceAuth(reading.DeviceId)), null);
        }
        catch (JsonException e)
        {
            return (message, null, NotAReading.DeadLetter(message.Record, settings.DeadLettersTopic, TopologyName, e, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }

    private static async Task<ProducerEnvelope<CommittableOffset>> Post(
        (CommittableMessage Message, byte[]? Body, ProducerRecord? DeadLetter) parsed, Uri url, HttpClient http, SemaphoreSlim posting, LegacySettings settings, TimeProvider clock)
    {
        var (message, body, letter) = parsed;
        if (letter is not null)
        {
            return ProducerEnvelope.Of(letter, message.Offset);
        }

        var delay = settings.RetryFirstBackoff;
        var failure = "";
        for (var attempt = 0; attempt <= settings.MaxRetries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay = Backoff.Next(delay, settings.RetryMaxBackoff);
            }

            bool retriable;
            await posting.WaitAsync().ConfigureAwait(false);
            try
            {
                (retriable, failure) = await TryPost(body!, url, http, settings).ConfigureAwait(false);
            }
            finally
            {
                posting.Release();
            }

            if (failure.Length == 0)
            {
                return ProducerEnvelope.PassThrough(message.Offset);
            }

            if (!retriable)
            {
                break;
            }
        }

        var deadLetter = DeadLetter.FromBytes(
            message.Record.Source,
            TopologyName,
            DeadLetterReason.LegacyFailed,
            $"the legacy API at {url} did not take the reading: {failure}; check that it is up and accepts this message, then replay it from this dead letter's payload",
            body,
            clock.GetUtcNow().ToUnixTimeMilliseconds());
        return ProducerEnvelope.Of(
            new ProducerRecord(settings.DeadLettersTopic, Encoding.UTF8.GetBytes(message.Record.Topic), DeadLetterJson.Serialize(deadLetter)), message.Offset);
    }

    /// <summary>Posts once: ("" when it succeeded, else what went wrong) and whether trying again may help.</summary>
    private static async Task<(bool Retriable, string Failure)> TryPost(byte[] body, Uri url, HttpClient http, LegacySettings settings)
    {
        using var timeout = new CancellationTokenSource(settings.RequestTimeout);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (false, "");
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var retriable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (retriable, $"status {status} {response.ReasonPhrase}, body '{(text.Length > MaxBodyInDetail ? text[..MaxBodyInDetail] + "…" : text)}'");
        }
        catch (HttpRequestException e)
        {
            return (true, $"no answer ({e.Message})");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (true, $"no answer within {settings.RequestTimeout.TotalSeconds:0.###} s");
        }
    }
}
