using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Host.KairosDb;

/// <summary>KairosDB's metadata endpoints: metric, tag name and tag value lists, metric delete, version and health.</summary>
public static class MetadataEndpoints
{
    /// <summary>The KairosDB release whose REST API this one follows.</summary>
    public const string KairosDbVersion = "1.3.0";

    private static readonly string Version =
        $"KairosDB {KairosDbVersion}-compatible StreamEngine {typeof(MetadataEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev"}";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/metricnames", MetricNames);
        api.MapGet("/tagnames", async ([FromServices] IMetricStore store, CancellationToken cancellation) =>
            KairosResponses.Names(await store.TagNames(cancellation).ConfigureAwait(false)));
        api.MapGet("/tagvalues", async ([FromServices] IMetricStore store, CancellationToken cancellation) =>
            KairosResponses.Names(await store.TagValues(cancellation).ConfigureAwait(false)));
        api.MapDelete("/metric/{name}", DeleteMetric);
        api.MapGet("/version", () => Results.Json(new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = Version }));
        api.MapGet("/health/check", Check);
        api.MapGet("/health/status", Status);
    }

    private static async Task<IResult> MetricNames([FromQuery] string? prefix, [FromServices] IMetricStore store, CancellationToken cancellation) =>
        KairosResponses.Names(await store.MetricNames(string.IsNullOrEmpty(prefix) ? null : prefix, cancellation).ConfigureAwait(false));

    private static async Task<IResult> DeleteMetric(string name, [FromServices] IMetricStore store, CancellationToken cancellation)
    {
        await store.DeleteMetric(name, cancellation).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>204 when the store answers a query, 500 otherwise (KairosDB's <c>/health/check</c>).</summary>
    private static async Task<IResult> Check([FromServices] IMetricStore store, CancellationToken cancellation) =>
        await DatastoreFailure(store, cancellation).ConfigureAwait(false) is null
            ? Results.NoContent()
            : Results.StatusCode(StatusCodes.Status500InternalServerError);

    /// <summary>KairosDB's <c>/health/status</c>: a list of <c>"check: OK"</c> lines, always 200.</summary>
    private static async Task<IResult> Status([FromServices] IMetricStore store, CancellationToken cancellation)
    {
        var failure = await DatastoreFailure(store, cancellation).ConfigureAwait(false);
        return Results.Json(new[] { failure is null ? "Datastore-Query: OK" : $"Datastore-Query: FAIL {failure}" });
    }

    /// <summary>Null when a tag query for a metric that cannot exist (one index probe) succeeds; the failure's message otherwise.</summary>
    private static async Task<string?> DatastoreFailure(IMetricStore store, CancellationToken cancellation)
    {
        try
        {
            await store.QueryTags(new MetricQuery("\u0001health-check", 0, 0), cancellation).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
    }
}
