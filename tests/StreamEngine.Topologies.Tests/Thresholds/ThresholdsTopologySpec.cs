using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Thresholds;

/// <summary>The thresholds topology on the embedded default: in-process state, SMS recorded in memory.</summary>
public sealed class ThresholdsTopologySpec : ThresholdsTopologyContract
{
    protected override Task<AlarmBackend> OpenBackend() => Task.FromResult<AlarmBackend>(new InProcessAlarmBackend(Clock));
}
