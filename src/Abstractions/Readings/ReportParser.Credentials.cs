using System.Text;
using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

// The gateway and device parts of a report.
public static partial class ReportParser
{
    private ref partial struct Parser
    {
        private GatewayCredentials? ReadGateway()
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Schema<GatewayCredentials>(FormattableString.Invariant($"gateway: expected an object {GatewayShape}, got {Got()}"));
            }

            long? id = null;
            string? auth = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (id is not null)
                    {
                        return Repeated<GatewayCredentials>("gateway", "id");
                    }

                    reader.Read();
                    id = ReadId("gateway.id");
                    if (id is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("auth"u8))
                {
                    if (auth is not null)
                    {
                        return Repeated<GatewayCredentials>("gateway", "auth");
                    }

                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Schema<GatewayCredentials>(FormattableString.Invariant($"gateway.auth: expected the gateway's token as a string, got {Got()}"));
                    }

                    auth = reader.GetString()!;
                    if (auth.Length == 0)
                    {
                        return Schema<GatewayCredentials>("gateway.auth: is empty; expected the gateway's token");
                    }
                }
                else
                {
                    return Unexpected<GatewayCredentials>("gateway", "id, auth");
                }
            }

            if (id is null || auth is null)
            {
                return Schema<GatewayCredentials>($"gateway: missing '{(id is null ? "id" : "auth")}'; expected {GatewayShape}");
            }

            return new GatewayCredentials(id.Value, auth);
        }

        private DeviceCredentials? ReadDevice(int b)
        {
            var path = b < 0 ? "device" : FormattableString.Invariant($"batches[{b}].device");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Schema<DeviceCredentials>(FormattableString.Invariant($"{path}: expected an object {DeviceShape}, got {Got()}"));
            }

            long? id = null;
            string? auth = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (id is not null)
                    {
                        return Repeated<DeviceCredentials>(path, "id");
                    }

                    reader.Read();
                    id = ReadId(path + ".id");
                    if (id is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("auth"u8))
                {
                    if (auth is not null)
                    {
                        return Repeated<DeviceCredentials>(path, "auth");
                    }

                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        auth = reader.GetString()!;
                    }
                    else if (reader.TokenType == JsonTokenType.Number)
                    {
                        // A number has no escapes: its text is its bytes.
                        auth = Encoding.UTF8.GetString(reader.ValueSpan);
                    }
                    else
                    {
                        return Schema<DeviceCredentials>(FormattableString.Invariant($"{path}.auth: expected the device's token as a number or a string, got {Got()}"));
                    }

                    if (auth.Length == 0)
                    {
                        return Schema<DeviceCredentials>($"{path}.auth: is empty; expected the device's token");
                    }
                }
                else
                {
                    return Unexpected<DeviceCredentials>(path, "id, auth");
                }
            }

            if (id is null || auth is null)
            {
                return Schema<DeviceCredentials>($"{path}: missing '{(id is null ? "id" : "auth")}'; expected {DeviceShape}");
            }

            return new DeviceCredentials(id.Value, auth);
        }

        private long? ReadId(string path)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return Schema<long?>(FormattableString.Invariant($"{path}: expected an integer id, got {Got()}"));
            }

            if (!reader.TryGetInt64(out var id))
            {
                return Schema<long?>(FormattableString.Invariant($"{path}: {Raw()} is not an integer id (64-bit)"));
            }

            return id;
        }
    }
}
