using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Alerts;

/// <summary>The alerts topology on the embedded default: in-process state, SMS recorded in memory.</summary>
public sealed class AlertsTopologySpec : AlertsTopologyContract
{
    protected override Task<AlarmBackend> OpenBackend() => Task.FromResult<AlarmBackend>(new InProcessAlarmBackend(Clock));
}
