using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Host.KairosDb;

/// <summary>KairosDB's datapoint endpoints: add (plain or gzip), query, query tags and delete.</summary>
public static class DataPointEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/datapoints", Add);
        api.MapPost("/datapoints/query", Query);
        api.MapPost("/datapoints/query/tags", QueryTags);
        api.MapPost("/datapoints/delete", Delete);
    }

    private static async Task<IResult> Add(HttpRequest request, [FromServices] IMetricStore store)
    {
        IReadOnlyList<DataPoint> points;
        using (var body = await KairosRequestBody.Read(request).ConfigureAwait(false))
        {
            points = KairosDataPointParser.Parse(body.RootElement);
        }

        await store.Write(points, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> Query(HttpRequest request, [FromServices] IMetricStore store)
    {
        var queries = await Queries(request).ConfigureAwait(false);
        var results = new MetricQueryResult[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            results[i] = await store.Query(queries[i], request.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        return KairosResponses.Queries(results);
    }

    private static async Task<IResult> QueryTags(HttpRequest request, [FromServices] IMetricStore store)
    {
        var queries = await Queries(request).ConfigureAwait(false);
        var results = new MetricTagsResult[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            results[i] = await store.QueryTags(queries[i], request.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        return KairosResponses.Tags(results);
    }

    private static async Task<IResult> Delete(HttpRequest request, [FromServices] IMetricStore store)
    {
        // KairosDB deletes what the query selects by time and tags; aggregators and grouping do not narrow it.
        foreach (var query in await Queries(request).ConfigureAwait(false))
        {
            await store.DeleteDataPoints(query with { Aggregators = [], GroupByTags = [], Limit = null }, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    private static async Task<IReadOnlyList<MetricQuery>> Queries(HttpRequest request)
    {
        var clock = request.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        using var body = await KairosRequestBody.Read(request).ConfigureAwait(false);
        return KairosQueryParser.Parse(body.RootElement, clock.GetUtcNow());
    }
}
