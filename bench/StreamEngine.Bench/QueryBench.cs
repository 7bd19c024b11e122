using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Host.KairosDb;

namespace StreamEngine.Bench;

/// <summary>
/// <c>--mode query</c>: fills a SqliteMetricStore with <c>--devices</c> × <c>--points</c> of <c>temperature</c>
/// (tag <c>device_id</c>, one point a minute), serves it with the host's KairosDB API on Kestrel, and times
/// <c>--queries</c> sequential HTTP queries, each for every point of one random device, after a warm-up.
/// </summary>
internal static class QueryBench
{
    private const long StartMs = 1_704_067_200_000;
    private const long StepMs = 60_000;
    private const int DevicesPerBatch = 100;
    private const int WarmUp = 50;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var directory = Path.Combine(Path.GetTempPath(), "streamengine-querybench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new SqliteMetricStore(Path.Combine(directory, "metrics.db"));
            await Fill(store, options).ConfigureAwait(false);
            await using var app = await Serve(store).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var random = new Random(42);
            for (var i = 0; i < WarmUp; i++)
            {
                await Query(http, random.Next(options.QueryDevices), options.PointsPerDevice).ConfigureAwait(false);
            }

            var samples = new double[options.Queries];
            var total = Stopwatch.StartNew();
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = await Query(http, random.Next(options.QueryDevices), options.PointsPerDevice).ConfigureAwait(false);
            }

            total.Stop();
            Array.Sort(samples);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{samples.Length} queries of {options.PointsPerDevice} points (after {WarmUp} warm-up), {samples.Length / total.Elapsed.TotalSeconds:F0} queries/s: "
                + $"p50 {At(samples, 0.50):F2} ms, p99 {At(samples, 0.99):F2} ms, max {samples[^1]:F2} ms, mean {samples.Average():F2} ms"));
            await app.StopAsync().ConfigureAwait(false);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Fill(SqliteMetricStore store, BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(7);
        for (var first = 0; first < options.QueryDevices; first += DevicesPerBatch)
        {
            var batch = new List<DataPoint>(DevicesPerBatch * options.PointsPerDevice);
            for (var device = first; device < Math.Min(first + DevicesPerBatch, options.QueryDevices); device++)
            {
                var tags = TagSet.Of("device_id", device.ToString(CultureInfo.InvariantCulture));
                for (var i = 0; i < options.PointsPerDevice; i++)
                {
                    batch.Add(new DataPoint("temperature", StartMs + (i * StepMs), MetricValue.Of(Math.Round(2 + (random.NextDouble() * 6), 1)), tags));
                }
            }

            await store.Write(batch).ConfigureAwait(false);
        }

        var points = (long)options.QueryDevices * options.PointsPerDevice;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"filled {options.QueryDevices} devices x {options.PointsPerDevice} points = {points:N0} points in {clock.Elapsed.TotalSeconds:F1} s ({points / clock.Elapsed.TotalSeconds:N0} points/s)"));
    }

    private static async Task<WebApplication> Serve(IMetricStore store)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(store);
        var app = builder.Build();
        app.MapKairosDbApi();
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    /// <summary>One query over HTTP, body read whole; its time in milliseconds. Fails unless every point came back.</summary>
    private static async Task<double> Query(HttpClient http, int device, int points)
    {
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"start_absolute": {{{StartMs}}}, "end_absolute": {{{StartMs + ((points - 1) * StepMs)}}}, "metrics": [{"name": "temperature", "tags": {"device_id": ["{{{device}}}"]}}]}""");
        var clock = Stopwatch.StartNew();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/v1/datapoints/query", UriKind.Relative), content).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(answer);
        var sampleSize = json.RootElement.GetProperty("queries")[0].GetProperty("sample_size").GetInt64();
        return sampleSize == points
            ? elapsed
            : throw new InvalidOperationException($"The query for device {device} read {sampleSize} points, not {points}: the store was not filled as the bench expects.");
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
