using System.Net.Http.Headers;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Legacy;

namespace StreamEngine.Bench;

/// <summary>
/// Graph mode's <c>legacy-http</c> path: the legacy topology's HTTP work without the topology. The same legacy message
/// posted with the same client to the same local stand-in, as many at once as the topology's default parallelism
/// (16): the cost of HTTP itself, client and server in this process.
/// </summary>
internal static class HttpPostLoop
{
    public static async Task<PathResult> RunAsync(int posts)
    {
        var parallelism = new LegacySettings().Parallelism;
        await using var standIns = await HttpStandIns.Start(TimeSpan.Zero).ConfigureAwait(false);
        using var http = new HttpClient();
        var url = new Uri(standIns.LegacyUrl);
        var body = LegacyMessage.Serialize(new Reading(1, 1, 1_732_291_200_000, 4.25, 80, 1_732_291_200_000, "readings/0/0/0"), null);
        var clock = new PathClock();
        clock.FirstRecord();
        long next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < posts)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(url, content).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }
        })).ConfigureAwait(false);
        return clock.Finish($"legacy POST loop, no topology ({parallelism} at once)", standIns.LegacyPosts);
    }
}
