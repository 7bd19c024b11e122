using System.Globalization;
using System.Text;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Connectors.Registry;
using StreamEngine.Topologies.Authentication;

namespace StreamEngine.Bench;

/// <summary>
/// The registered gateways and devices the topology paths use, and their inputs: reports of
/// <see cref="DevicesPerGateway"/> batches × <see cref="ReadingsPerBatch"/> readings for the authentication
/// topology, readings for the store topologies. Tokens are hashed with bcrypt at a low work factor so that the
/// warm-up (one bcrypt per id, as the engine pays on first sight) stays short.
/// </summary>
internal sealed class BenchFleet
{
    public const int Gateways = 200;
    public const int DevicesPerGateway = 5;
    public const int ReadingsPerBatch = 2;
    public const int ReadingsPerReport = DevicesPerGateway * ReadingsPerBatch;

    private readonly Dictionary<long, StoredCredential> _gateways = [];
    private readonly Dictionary<long, StoredCredential> _devices = [];

    public BenchFleet()
    {
        var hasher = new TokenHasher(workFactor: 4);
        for (var g = 1; g <= Gateways; g++)
        {
            _gateways[g] = new StoredCredential(hasher.Hash(GatewayToken(g)), true);
        }

        for (var d = 1; d <= Gateways * DevicesPerGateway; d++)
        {
            _devices[d] = new StoredCredential(hasher.Hash(DeviceToken(d)), true);
        }

        Hasher = hasher;
    }

    public TokenHasher Hasher { get; }

    public Task<StoredCredential?> Gateway(long id, CancellationToken cancellation) => Task.FromResult(_gateways.GetValueOrDefault(id));

    public Task<StoredCredential?> Device(long id, CancellationToken cancellation) => Task.FromResult(_devices.GetValueOrDefault(id));

    /// <summary>Checks every token once, so the caches hold them before the clock starts.</summary>
    public async Task WarmUp(CredentialCache gateways, CredentialCache devices)
    {
        foreach (var id in _gateways.Keys)
        {
            await gateways.Check(id, GatewayToken(id)).ConfigureAwait(false);
        }

        foreach (var id in _devices.Keys)
        {
            await devices.Check(id, DeviceToken(id)).ConfigureAwait(false);
        }
    }

    /// <summary>Report number <paramref name="sequence"/>: the gateways in turn, each with all its devices.</summary>
    public static InputRecord Report(long sequence, long nowMs)
    {
        var gateway = (sequence % Gateways) + 1;
        var seconds = (nowMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var json = new StringBuilder(600);
        json.Append(CultureInfo.InvariantCulture, $"{{\"gateway\":{{\"id\":{gateway},\"auth\":\"{GatewayToken(gateway)}\"}},\"batches\":[");
        for (var i = 0; i < DevicesPerGateway; i++)
        {
            var device = ((gateway - 1) * DevicesPerGateway) + i + 1;
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"device\":{{\"id\":{device},\"auth\":\"{DeviceToken(device)}\"}},\"readings\":[");
            for (var r = 0; r < ReadingsPerBatch; r++)
            {
                json.Append(r == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"temp\":{4 + (r * 0.25):0.00},\"time\":{seconds},\"batt\":{80 - r}}}");
            }

            json.Append("]}");
        }

        json.Append("]}");
        return new InputRecord(Encoding.UTF8.GetBytes(gateway.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes(json.ToString()));
    }

    /// <summary>Reading number <paramref name="sequence"/> as the authentication topology writes it to <c>readings</c>.</summary>
    public static InputRecord Reading(long sequence, long nowMs)
    {
        var device = (sequence % (Gateways * DevicesPerGateway)) + 1;
        var reading = new Reading(device, ((device - 1) / DevicesPerGateway) + 1, nowMs, 4.25, 80, nowMs,
            string.Create(CultureInfo.InvariantCulture, $"reports/0/{sequence}/0"));
        return new InputRecord(Encoding.UTF8.GetBytes(device.ToString(CultureInfo.InvariantCulture)), ReadingJson.Serialize(reading));
    }

    private static string GatewayToken(long id) => string.Create(CultureInfo.InvariantCulture, $"gateway-token-{id:D6}");

    private static string DeviceToken(long id) => string.Create(CultureInfo.InvariantCulture, $"device-token-{id:D6}");
}
