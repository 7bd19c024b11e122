using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StreamEngine.Host.KairosDb;

/// <summary>
/// KairosDB's REST API (<c>/api/v1/…</c>, as KairosDB 1.3) over the <see cref="Abstractions.Metrics.IMetricStore"/>
/// registered in the services, so Grafana's KairosDB data source and KairosDB clients work unchanged. Like KairosDB it
/// has no authentication. Every endpoint is described with a curl example in docs/kairosdb-api.md.
/// </summary>
public static class KairosDbApi
{
    public const string Prefix = "/api/v1";

    /// <summary>Maps every KairosDB endpoint, with errors answered in KairosDB's <c>{"errors": [...]}</c>.</summary>
    public static IEndpointRouteBuilder MapKairosDbApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(Prefix);
        api.AddEndpointFilter<KairosErrorFilter>();
        DataPointEndpoints.Map(api);
        MetadataEndpoints.Map(api);
        return endpoints;
    }
}
