using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StreamEngine.Host.Admin;

/// <summary>Wires the admin REST API (thesis appendix D) into a web application: services, then routes under <see cref="Prefix"/>.</summary>
public static class AdminApi
{
    public const string Prefix = "/api/v1/admin";

    /// <summary>Adds the token service, the bearer filter and the first-admin bootstrap. The IRegistry and ITokenHasher are registered by the caller.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(AdminSettings.FromConfiguration(configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AdminTokenService>();
        services.AddSingleton<BearerAuthFilter>();
        services.AddHostedService<AdminBootstrap>();
        return services;
    }

    /// <summary>Maps every admin endpoint; all but POST /token require a bearer JWT.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        TokenEndpoints.MapIssue(endpoints.MapGroup(Prefix));
        var secured = endpoints.MapGroup(Prefix);
        secured.AddEndpointFilter<BearerAuthFilter>();
        TokenEndpoints.MapCheck(secured);
        UserEndpoints.Map(secured);
        DeviceEndpoints.Map(secured);
        GatewayEndpoints.Map(secured);
        return endpoints;
    }
}
