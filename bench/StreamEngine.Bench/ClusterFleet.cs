using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using StreamEngine.Connectors.Registry;

namespace StreamEngine.Bench;

/// <summary>
/// The gateways and devices of cluster mode, registered in a SqliteRegistry, and their reports: gateway g owns
/// devices (g−1)·<see cref="DevicesPerGateway"/>+1 … g·<see cref="DevicesPerGateway"/>, and each report carries one
/// reading of each of its devices. Every device shares one token and every gateway another (the engine still checks
/// each id's hash once, on first sight). The first <see cref="ThroughApi"/> devices are registered through the
/// registry's API as legacy devices, timed, so their tokens are kept as bcrypt hashes; the rest, and the gateways, are
/// inserted in one SQL transaction with the hash the registry keeps for the tokens it issues (salted SHA-256), as
/// devices and gateways created through the admin API get, since the API has no bulk insert.
/// </summary>
internal sealed class ClusterFleet
{
    public const int DevicesPerGateway = 10;
    private const int ThroughApi = 1_000;
    private const string GatewayToken = "bench-gateway-token";
    private const string DeviceToken = "bench-device-token";

    private ClusterFleet(int devices, string registration)
    {
        Gateways = devices / DevicesPerGateway;
        Registration = registration;
    }

    public int Gateways { get; }

    /// <summary>How registration went and how long it took.</summary>
    public string Registration { get; }

    /// <summary>Registers <paramref name="devices"/> (a multiple of <see cref="DevicesPerGateway"/>) devices, active, and their gateways.</summary>
    public static async Task<ClusterFleet> Register(SqliteRegistry registry, TokenHasher hasher, int devices)
    {
        if (devices <= 0 || devices % DevicesPerGateway != 0)
        {
            throw new ArgumentException($"Cluster mode needs a positive multiple of {DevicesPerGateway} devices.", nameof(devices));
        }

        var throughApi = Math.Min(ThroughApi, devices);
        var api = Stopwatch.StartNew();
        for (var id = 1; id <= throughApi; id++)
        {
            await registry.CreateLegacyDevice(id, DeviceToken).ConfigureAwait(false);
            await registry.SetDeviceState(id, true).ConfigureAwait(false);
        }

        api.Stop();
        var bulk = Stopwatch.StartNew();
        var deviceHash = hasher.HashIssued(DeviceToken);
        var gatewayHash = hasher.HashIssued(GatewayToken);
        await using (var connection = new SqliteConnection(registry.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            using var transaction = connection.BeginTransaction();
            Each(connection, transaction, "UPDATE devices SET config = $config WHERE id = $id;", 1, throughApi, Config);
            Each(connection, transaction, "INSERT INTO devices (id, auth, state, config) VALUES ($id, $auth, 1, $config);", throughApi + 1, devices, Config, deviceHash);
            Each(connection, transaction, "INSERT INTO gateways (id, auth, config) VALUES ($id, $auth, $config);", 1, devices / DevicesPerGateway, _ => "{}", gatewayHash);
            using (var counters = connection.CreateCommand())
            {
                counters.Transaction = transaction;
                counters.CommandText = "UPDATE resource_counters SET counter = $devices WHERE resource = 'devices'; UPDATE resource_counters SET counter = $gateways WHERE resource = 'gateways';";
                counters.Parameters.AddWithValue("$devices", devices);
                counters.Parameters.AddWithValue("$gateways", devices / DevicesPerGateway);
                counters.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        bulk.Stop();
        var perDevice = api.Elapsed.TotalMilliseconds / throughApi;
        return new ClusterFleet(devices, string.Create(CultureInfo.InvariantCulture,
            $"registry: {throughApi:N0} devices through the API (CreateLegacyDevice + SetDeviceState, bcrypt work factor {hasher.WorkFactor}) in {api.Elapsed.TotalSeconds:0.00} s ({perDevice:0.00} ms each, so {perDevice * devices / 1000:0} s for all {devices:N0}); "
            + $"the other {devices - throughApi:N0} devices and {devices / DevicesPerGateway:N0} gateways in one SQL transaction in {bulk.Elapsed.TotalSeconds:0.00} s"));
    }

    /// <summary>Report number <paramref name="sequence"/>: the gateways in turn, each with one reading of each of its devices.</summary>
    public InputRecord Report(long sequence, long nowMs)
    {
        var gateway = (sequence % Gateways) + 1;
        var seconds = (nowMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var json = new StringBuilder(1200);
        json.Append(CultureInfo.InvariantCulture, $"{{\"gateway\":{{\"id\":{gateway},\"auth\":\"{GatewayToken}\"}},\"batches\":[");
        for (var i = 0; i < DevicesPerGateway; i++)
        {
            var device = ((gateway - 1) * DevicesPerGateway) + i + 1;
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"device\":{{\"id\":{device},\"auth\":\"{DeviceToken}\"}},\"readings\":[{{\"temp\":4.25,\"time\":{seconds},\"batt\":80}}]}}");
        }

        json.Append("]}");
        return new InputRecord(Encoding.UTF8.GetBytes(gateway.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes(json.ToString()));
    }

    /// <summary>A device's config map as JSON: its contact and limits, the values as strings as appendix D shows them.</summary>
    private static string Config(long device) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"name\":\"Fridge {device}\",\"owner\":\"Shop {(device + DevicesPerGateway - 1) / DevicesPerGateway}\",\"phone\":\"+3519{device:D8}\",\"minTemperature\":\"0\",\"maxTemperature\":\"8\"}}");

    /// <summary>Runs <paramref name="sql"/> for each id from <paramref name="first"/> to <paramref name="last"/>, with its config and the token hash.</summary>
    private static void Each(
        SqliteConnection connection, SqliteTransaction transaction, string sql, long first, long last, Func<long, string> config, string? hash = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var json = command.Parameters.Add("$config", SqliteType.Text);
        if (hash is not null)
        {
            command.Parameters.AddWithValue("$auth", hash);
        }

        command.Prepare();
        for (var n = first; n <= last; n++)
        {
            id.Value = n;
            json.Value = config(n);
            command.ExecuteNonQuery();
        }
    }
}
