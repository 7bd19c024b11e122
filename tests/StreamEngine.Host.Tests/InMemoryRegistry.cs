using System.Collections.Concurrent;
using System.Globalization;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Tests;

/// <summary>An in-memory IRegistry for the API tests, keeping secrets only as hashes as the real one does.</summary>
public sealed class InMemoryRegistry(ITokenHasher hasher) : IRegistry
{
    private readonly ConcurrentDictionary<string, string> _admins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, DeviceRecord> _devices = new();
    private readonly ConcurrentDictionary<long, GatewayRecord> _gateways = new();
    private long _deviceCounter;
    private long _gatewayCounter;
    private long _tokenCounter = 64089519511846157;

    public Task<bool> AnyAdmin(CancellationToken cancellation = default) => Task.FromResult(!_admins.IsEmpty);

    public Task<bool> CreateAdmin(string username, string password, CancellationToken cancellation = default) =>
        Task.FromResult(_admins.TryAdd(username, hasher.Hash(password)));

    public Task<bool> VerifyAdmin(string username, string password, CancellationToken cancellation = default) =>
        Task.FromResult(_admins.TryGetValue(username, out var hash) && hasher.Verify(password, hash));

    public Task<IReadOnlyList<string>> ListAdmins(CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _admins.Keys.Order(StringComparer.Ordinal)]);

    public Task<bool> SetAdminPassword(string username, string password, CancellationToken cancellation = default)
    {
        var hash = hasher.Hash(password);
        while (_admins.TryGetValue(username, out var current))
        {
            if (_admins.TryUpdate(username, hash, current))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <summary>What is stored for an admin's password, as a tool reading the registry would see it; null for an unknown admin.</summary>
    public string? StoredPassword(string username) => _admins.GetValueOrDefault(username);

    public Task<bool> DeleteAdmin(string username, CancellationToken cancellation = default) =>
        Task.FromResult(_admins.TryRemove(username, out _));

    public Task<IssuedCredentials> CreateDevice(CancellationToken cancellation = default)
    {
        var id = Interlocked.Increment(ref _deviceCounter);
        var token = NewToken();
        _devices[id] = new DeviceRecord(id, hasher.Hash(token), false, new Dictionary<string, string>());
        return Task.FromResult(new IssuedCredentials(id, token));
    }

    public Task<bool> CreateLegacyDevice(long id, string token, CancellationToken cancellation = default) =>
        Task.FromResult(_devices.TryAdd(id, new DeviceRecord(id, hasher.Hash(token), false, new Dictionary<string, string>())));

    public Task<DeviceRecord?> FindDevice(long id, CancellationToken cancellation = default) =>
        Task.FromResult(_devices.GetValueOrDefault(id));

    public Task<IReadOnlyList<DeviceRecord>> ListDevices(CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<DeviceRecord>>([.. _devices.Values.OrderBy(d => d.Id)]);

    public Task<bool> DeleteDevice(long id, CancellationToken cancellation = default) =>
        Task.FromResult(_devices.TryRemove(id, out _));

    public Task<bool> SetDeviceState(long id, bool state, CancellationToken cancellation = default) =>
        Task.FromResult(Update(_devices, id, d => d with { State = state }));

    public Task<bool> SetDeviceConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default) =>
        Task.FromResult(Update(_devices, id, d => d with { Config = Merge(d.Config, values) }));

    public Task<IssuedCredentials> CreateGateway(CancellationToken cancellation = default)
    {
        var id = Interlocked.Increment(ref _gatewayCounter);
        var token = NewToken();
        _gateways[id] = new GatewayRecord(id, hasher.Hash(token), new Dictionary<string, string>());
        return Task.FromResult(new IssuedCredentials(id, token));
    }

    public Task<GatewayRecord?> FindGateway(long id, CancellationToken cancellation = default) =>
        Task.FromResult(_gateways.GetValueOrDefault(id));

    public Task<IReadOnlyList<GatewayRecord>> ListGateways(CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<GatewayRecord>>([.. _gateways.Values.OrderBy(g => g.Id)]);

    public Task<bool> DeleteGateway(long id, CancellationToken cancellation = default) =>
        Task.FromResult(_gateways.TryRemove(id, out _));

    public Task<bool> SetGatewayConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default) =>
        Task.FromResult(Update(_gateways, id, g => g with { Config = Merge(g.Config, values) }));

    private string NewToken() => Interlocked.Increment(ref _tokenCounter).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> values)
    {
        var merged = new Dictionary<string, string>(current);
        foreach (var (key, value) in values)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static bool Update<T>(ConcurrentDictionary<long, T> records, long id, Func<T, T> change)
    {
        while (records.TryGetValue(id, out var current))
        {
            if (records.TryUpdate(id, change(current), current))
            {
                return true;
            }
        }

        return false;
    }
}
