using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Rules;

/// <summary>The rule topology on the embedded default: in-process state, SMS recorded in memory.</summary>
public sealed class RuleTopologySpec : RuleTopologyContract
{
    protected override Task<AlarmBackend> OpenBackend() => Task.FromResult<AlarmBackend>(new InProcessAlarmBackend(Clock));
}
