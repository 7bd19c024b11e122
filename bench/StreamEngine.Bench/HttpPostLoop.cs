using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Legacy;

namespace StreamEngine.Bench;

/// <summary>
/// Graph mode's <c>legacy-http</c> path: the legacy topology's HTTP work without the topology. The same legacy message
/// posted with the same client to the same local stand-in, as many at once as the topology's default parallelism
/// (16): the cost of HTTP itself, client and server in this process. With <c>--kafka-process true</c> the stand-in
/// runs in the child process instead, as a real legacy API runs elsewhere: the CPU printed is then the client's
/// alone, and the outcome says what the server took.
/// </summary>
internal static class HttpPostLoop
{
    public static async Task<PathResult> RunAsync(int posts, bool serverInChild, int partitions)
    {
        var parallelism = new LegacySettings().Parallelism;
        using var child = serverInChild ? await KafkaProcess.Start(partitions).ConfigureAwait(false) : null;
        await using var local = child is null ? await HttpStandIns.Start(TimeSpan.Zero).ConfigureAwait(false) : null;
        var standIns = child?.StandIns ?? local!.BaseUrl;
        using var http = new HttpClient();
        var url = new Uri(HttpStandIns.LegacyUrlOf(standIns));
        var body = LegacyMessage.Serialize(new Reading(1, 1, 1_732_291_200_000, 4.25, 80, 1_732_291_200_000, "readings/0/0/0"), null);
        var childCpu = child?.Cpu ?? TimeSpan.Zero;
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
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
        var (received, _) = await HttpStandIns.CountsAt(standIns).ConfigureAwait(false);
        var result = clock.Finish($"legacy POST loop, no topology ({parallelism} at once)", received);
        if (child is null)
        {
            return result;
        }

        var server = child.Cpu - childCpu;
        var own = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        return result with
        {
            Outcome = string.Create(CultureInfo.InvariantCulture,
                $"the stand-in's process used {server.TotalSeconds:0.0} s of CPU ({server.TotalMicroseconds / received:0} µs a post); this process, the client, {own.TotalMicroseconds / received:0} µs a post"),
        };
    }
}
