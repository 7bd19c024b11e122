namespace StreamEngine.Abstractions.State;

/// <summary>
/// The shared state of the alarm topologies (thesis 5.4.1.6: state that must outlive a worker lives outside it):
/// last-seen times and the silent set, alert cooldowns, the rules' open windows, and registry-change events. One object
/// implements all four ports; a stage takes only the port it needs.
/// </summary>
public interface IAlarmState : IDeviceActivity, IAlertCooldowns, IRuleWindows, IRegistryChanges, IAsyncDisposable;
