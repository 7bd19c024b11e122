using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>A rule's windows whose activity comes wrapped, so that a test reaches into what a silence rule's workers call.</summary>
public sealed class WrappedRuleWindows(IRuleWindows inner, Func<IDeviceActivity, IDeviceActivity> wrap) : IRuleWindows
{
    public Task<long?> BeyondSince(string rule, long deviceId, CancellationToken cancellation = default) =>
        inner.BeyondSince(rule, deviceId, cancellation);

    public Task SetBeyondSince(string rule, long deviceId, long? sinceMs, CancellationToken cancellation = default) =>
        inner.SetBeyondSince(rule, deviceId, sinceMs, cancellation);

    public IDeviceActivity Activity(string rule) => wrap(inner.Activity(rule));
}
