using System.Text;
using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

/// <summary>
/// Strict, reflection-free parsing of gateway reports (DESIGN section 3), in either form:
/// <c>{"gateway":{…},"batches":[{"device":{…},"readings":[…]}]}</c> or the single reading
/// <c>{"gateway":{…},"device":{…},"reading":{…}}</c>, which is one batch of one reading.
/// </summary>
/// <remarks>
/// Strict means: every field is required and of its type, no property is unknown or repeated, no batch or readings
/// list is empty, comments and trailing commas are not JSON. A rejection names the reason of
/// <see cref="DeadLetterReason"/> and, in its detail, the path of the bad value, what it was and what is expected.
/// </remarks>
public static partial class ReportParser
{
    /// <summary>Reports larger than this (1 MiB) are <see cref="DeadLetterReason.TooLarge"/>, unread.</summary>
    public const int MaxReportBytes = 1024 * 1024;

    /// <summary>How far past now a measurement's time may be: 5 minutes.</summary>
    public const long MaxFutureMs = 5 * 60 * 1000;

    public const double MinTemp = -100;
    public const double MaxTemp = 150;
    public const int MinBatt = 0;
    public const int MaxBatt = 100;

    /// <param name="json">The report's UTF-8 JSON.</param>
    /// <param name="nowMs">Now, Unix milliseconds: measurements more than <see cref="MaxFutureMs"/> after it are out of range.</param>
    public static ReportParseResult Parse(ReadOnlySpan<byte> json, long nowMs)
    {
        if (json.Length > MaxReportBytes)
        {
            return ReportParseResult.Rejected(
                DeadLetterReason.TooLarge,
                FormattableString.Invariant($"report is {json.Length} bytes; at most {MaxReportBytes} bytes (1 MiB) are accepted"));
        }

        var parser = new Parser(json, nowMs);
        try
        {
            var report = parser.ReadReport();
            if (report is not null)
            {
                return ReportParseResult.Accepted(report);
            }

            // A payload that is not JSON further on is malformed, whatever was wrong before.
            parser.ReadToEnd();
            return ReportParseResult.Rejected(parser.Reason!, parser.Detail!);
        }
        catch (JsonException e)
        {
            return ReportParseResult.Rejected(DeadLetterReason.MalformedJson, "not JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString on text that is not valid UTF-8.
            return ReportParseResult.Rejected(DeadLetterReason.MalformedJson, "not JSON: " + e.Message);
        }
    }

    private const string GatewayShape = """{"id":<integer>,"auth":"<token>"}""";
    private const string DeviceShape = """{"id":<integer>,"auth":<token, number or string>}""";
    private const string MeasurementShape = """{"temp":<°C>,"time":<Unix seconds>,"batt":<0…100>}""";
    private const string ReportShapes =
        """{"gateway":{…},"batches":[{"device":{…},"readings":[{…}]}]} or {"gateway":{…},"device":{…},"reading":{…}}""";

    /// <summary>
    /// Reads the report token by token. Each Read* returns null (or false) after recording a rejection in
    /// <see cref="Reason"/> and <see cref="Detail"/>; the reader itself throws <see cref="JsonException"/> on text that is not JSON.
    /// </summary>
    private ref partial struct Parser
    {
        private Utf8JsonReader reader;
        private readonly long nowMs;

        public Parser(ReadOnlySpan<byte> json, long nowMs)
        {
            reader = new Utf8JsonReader(json, new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
            this.nowMs = nowMs;
        }

        public string? Reason { get; private set; }

        public string? Detail { get; private set; }

        public void ReadToEnd()
        {
            while (reader.Read())
            {
            }
        }

        public Report? ReadReport()
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Schema<Report>(FormattableString.Invariant($"expected a report object, {ReportShapes}; got {Got()}"));
            }

            GatewayCredentials? gateway = null;
            List<Batch>? batches = null;
            DeviceCredentials? device = null;
            Measurement? measurement = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("gateway"u8))
                {
                    if (gateway is not null)
                    {
                        return Repeated<Report>(null, "gateway");
                    }

                    reader.Read();
                    gateway = ReadGateway();
                    if (gateway is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("batches"u8))
                {
                    if (batches is not null)
                    {
                        return Repeated<Report>(null, "batches");
                    }

                    reader.Read();
                    batches = ReadBatches();
                    if (batches is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("device"u8))
                {
                    if (device is not null)
                    {
                        return Repeated<Report>(null, "device");
                    }

                    reader.Read();
                    device = ReadDevice(-1);
                    if (device is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("reading"u8))
                {
                    if (measurement is not null)
                    {
                        return Repeated<Report>(null, "reading");
                    }

                    reader.Read();
                    measurement = ReadMeasurement(-1, -1);
                    if (measurement is null)
                    {
                        return null;
                    }
                }
                else
                {
                    return Unexpected<Report>(null, "gateway, batches (or device and reading)");
                }
            }

            // The root object is closed: nothing but whitespace may follow.
            reader.Read();

            if (gateway is null)
            {
                return Schema<Report>($"missing 'gateway' {GatewayShape}; expected {ReportShapes}");
            }

            if (batches is not null && device is null && measurement is null)
            {
                return new Report(gateway, batches);
            }

            if (batches is null && device is not null && measurement is not null)
            {
                return new Report(gateway, [new Batch(device, [measurement])]);
            }

            return Schema<Report>(
                batches is not null ? $"has both 'batches' and a single 'device'/'reading'; expected one form: {ReportShapes}"
                : device is not null ? $"has 'device' but is missing 'reading' {MeasurementShape}"
                : measurement is not null ? $"has 'reading' but is missing 'device' {DeviceShape}"
                : $"missing 'batches'; expected {ReportShapes}");
        }

        private string Raw() => Encoding.UTF8.GetString(reader.ValueSpan);

        private readonly string Got() => JsonTokenText.Of(reader.TokenType);

        private T? Unexpected<T>(string? path, string expected)
        {
            var name = reader.GetString();
            return Schema<T>($"{(path is null ? "" : path + ": ")}unexpected property '{name}'; expected {expected}");
        }

        private T? Repeated<T>(string? path, string name)
            => Schema<T>($"{(path is null ? "" : path + ": ")}'{name}' appears twice");

        private T? Schema<T>(string detail)
        {
            Fail(DeadLetterReason.Schema, detail);
            return default;
        }

        private T? OutOfRange<T>(string detail)
        {
            Fail(DeadLetterReason.OutOfRange, detail);
            return default;
        }

        private void Fail(string reason, string detail)
        {
            Reason = reason;
            Detail = detail;
        }
    }
}
