using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.State;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Admin;

/// <summary>
/// Tells the running topologies that a device or gateway changed in the registry, so their caches (authentication's
/// credentials, the alarm topologies' device configs) reload it at once instead of at the next periodic refresh.
/// </summary>
public static partial class DeviceChanges
{
    public static async Task Announce(HttpContext context, long id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RequestServices.GetService<ClusterService>()?.Resources?.State is not { } changes)
        {
            return;
        }

        try
        {
            await changes.Publish(id, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StateUnavailableException e)
        {
            // The change is stored; the topologies' periodic refresh picks it up when the state store is back.
            AnnouncementFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeviceChanges)), e, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device or gateway {Id} changed but the announcement failed; topologies see it at their next refresh (Authentication:CredentialRefresh, Thresholds:ConfigRefresh).")]
    private static partial void AnnouncementFailed(ILogger logger, Exception error, long id);
}
