using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.State;
using StreamEngine.Testing;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Rules;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Rules;

/// <summary>A silence rule's check racing a reading of the device it finds silent.</summary>
public abstract partial class RuleTopologyContract
{
    [Fact]
    public async Task A_device_that_speaks_between_the_check_finding_it_silent_and_marking_it_is_not_reported()
    {
        // Another worker records a reading of each device the check found silent, just before the check marks it.
        HeldActivity? activity = null;
        var windows = new WrappedRuleWindows(Backend.State, inner => activity ??= new HeldActivity(inner)
        {
            BeforeMark = devices => inner.RecordSeen([.. devices.Select(d => new DeviceSeen(d, Clock.GetUtcNow().ToUnixTimeMilliseconds()))]),
        });
        var rule = new RuleDefinition(new SilenceCondition(TimeSpan.FromHours(1)), DeviceFilter.All, RuleDefinition.DefaultCooldown, Kind, RuleRecipients.Default);
        var metrics = new TopologyMetrics();
        var flow = new RunningFlow(
            RuleTopology.Create("freezer-warm-rule", rule, Settings, _cache, Backend.State, windows, Backend.Sms, Clock, metrics), _system);
        await FeedAt(flow, 0, Reading(1, 0));

        MoveTo(61);
        var checks = ConditionIn(metrics);
        await Eventually.True(() => ConditionIn(metrics) >= checks + 3, "the check running after device 1 looked silent");

        Assert.Empty(flow.Records("alerts"));
        Assert.Empty(Backend.Sent);
        Assert.Empty(await windows.Activity("freezer-warm-rule").WhichSilent([1]));
    }
}
