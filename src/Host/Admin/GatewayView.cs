using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>A gateway as the API shows it (appendix D): id and config, never its token hash.</summary>
public sealed record GatewayView(long Id, IReadOnlyDictionary<string, string> Config)
{
    public static GatewayView From(GatewayRecord gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new GatewayView(gateway.Id, gateway.Config);
    }
}
