using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>A device as the API shows it (appendix D): id, state and config, never its token hash.</summary>
public sealed record DeviceView(long Id, bool State, IReadOnlyDictionary<string, string> Config)
{
    public static DeviceView From(DeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceView(device.Id, device.State, device.Config);
    }
}
