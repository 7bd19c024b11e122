namespace StreamEngine.Abstractions.Registry;

/// <summary>
/// Admins, devices, gateways and the id counters (thesis tables 5.4–5.7). Tokens and passwords are kept only as
/// hashes. Every method is safe to call concurrently; a missing id or name gives null or false, never an exception.
/// </summary>
public interface IRegistry
{
    /// <summary>True once any admin exists (the first start creates one).</summary>
    Task<bool> AnyAdmin(CancellationToken cancellation = default);

    /// <summary>Creates an admin; false when the name is taken.</summary>
    Task<bool> CreateAdmin(string username, string password, CancellationToken cancellation = default);

    Task<bool> VerifyAdmin(string username, string password, CancellationToken cancellation = default);

    Task<IReadOnlyList<string>> ListAdmins(CancellationToken cancellation = default);

    /// <summary>Replaces an admin's password (stored hashed, as at creation); false when no admin has this name.</summary>
    Task<bool> SetAdminPassword(string username, string password, CancellationToken cancellation = default);

    Task<bool> DeleteAdmin(string username, CancellationToken cancellation = default);

    /// <summary>Creates a device with the next id of the <c>devices</c> counter and a new random token; new devices are inactive.</summary>
    Task<IssuedCredentials> CreateDevice(CancellationToken cancellation = default);

    /// <summary>Registers a device with the id and token it already has (appendix D's legacy create); false when the id is taken.</summary>
    Task<bool> CreateLegacyDevice(long id, string token, CancellationToken cancellation = default);

    Task<DeviceRecord?> FindDevice(long id, CancellationToken cancellation = default);

    Task<IReadOnlyList<DeviceRecord>> ListDevices(CancellationToken cancellation = default);

    Task<bool> DeleteDevice(long id, CancellationToken cancellation = default);

    Task<bool> SetDeviceState(long id, bool state, CancellationToken cancellation = default);

    /// <summary>Merges these keys into the device's config map.</summary>
    Task<bool> SetDeviceConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default);

    /// <summary>Creates a gateway with the next id of the <c>gateways</c> counter and a new random token.</summary>
    Task<IssuedCredentials> CreateGateway(CancellationToken cancellation = default);

    Task<GatewayRecord?> FindGateway(long id, CancellationToken cancellation = default);

    Task<IReadOnlyList<GatewayRecord>> ListGateways(CancellationToken cancellation = default);

    Task<bool> DeleteGateway(long id, CancellationToken cancellation = default);

    /// <summary>Merges these keys into the gateway's config map.</summary>
    Task<bool> SetGatewayConfig(long id, IReadOnlyDictionary<string, string> values, CancellationToken cancellation = default);
}
