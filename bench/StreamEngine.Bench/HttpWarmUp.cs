using System.Globalization;
using System.Net.Http.Headers;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Legacy;

namespace StreamEngine.Bench;

/// <summary>
/// Sends requests down a topology's HTTP path before the clock starts, so that the client's connections are open and
/// the HTTP code of client and stand-in is compiled, as in an engine that has been running.
/// </summary>
internal static class HttpWarmUp
{
    private const int Requests = 2_000;
    private const int AtOnce = 8;

    /// <summary>Twilio sends to a number of no device, then a pause for the JIT's background tier-up.</summary>
    public static async Task Sms(ISmsSender sender)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (i, cancellation) =>
            await sender.Send(new SmsMessage("+19999999999", "warm-up", string.Create(CultureInfo.InvariantCulture, $"warm-up/{i}")), cancellation).ConfigureAwait(false))
            .ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }

    /// <summary>Legacy posts of one reading, then a pause for the JIT's background tier-up.</summary>
    public static async Task Legacy(HttpClient http, string url)
    {
        var body = LegacyMessage.Serialize(new Reading(1, 1, 1_732_291_200_000, 4.25, 80, 1_732_291_200_000, "warm-up/0/0/0"), null);
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (_, cancellation) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri(url), content, cancellation).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }
}
