using System.Collections.Concurrent;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>The device part of the registry in memory: what the alarm topologies look up.</summary>
public sealed class MemoryRegistry
{
    private readonly ConcurrentDictionary<long, DeviceRecord> _devices = new();

    public void Set(long id, IReadOnlyDictionary<string, string> config, bool state = true) =>
        _devices[id] = new DeviceRecord(id, "hash", state, config);

    public Task<DeviceRecord?> FindDevice(long id, CancellationToken cancellation) =>
        Task.FromResult(_devices.TryGetValue(id, out var record) ? record : null);
}
