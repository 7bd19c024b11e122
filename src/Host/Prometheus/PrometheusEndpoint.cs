using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Prometheus;

/// <summary>
/// <c>GET /metrics</c>: the metrics of every topology worker in <see cref="RunningTopologies"/>, for Prometheus to
/// scrape. Without authentication, as Prometheus scrapes it; see docs/metrics.md.
/// </summary>
public static class PrometheusEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Maps <see cref="Path"/> over the <see cref="RunningTopologies"/> registered in the services.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, (RunningTopologies running) =>
            Results.Text(PrometheusText.Write([.. running.All().Select(r => (r.Topology.Metrics(), r.Worker))]), PrometheusText.ContentType));
        return endpoints;
    }
}
