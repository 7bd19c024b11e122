using System.Text;
using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

// The batches and measurements of a report.
public static partial class ReportParser
{
    private ref partial struct Parser
    {
        private List<Batch>? ReadBatches()
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return Schema<List<Batch>>(FormattableString.Invariant($"batches: expected an array of batches, got {Got()}"));
            }

            var batches = new List<Batch>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var batch = ReadBatch(batches.Count);
                if (batch is null)
                {
                    return null;
                }

                batches.Add(batch);
            }

            if (batches.Count == 0)
            {
                return Schema<List<Batch>>("batches: is empty; expected at least one batch {\"device\":{…},\"readings\":[…]}");
            }

            return batches;
        }

        private Batch? ReadBatch(int b)
        {
            var path = FormattableString.Invariant($"batches[{b}]");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Schema<Batch>(FormattableString.Invariant($"{path}: expected an object {{\"device\":{{…}},\"readings\":[…]}}, got {Got()}"));
            }

            DeviceCredentials? device = null;
            List<Measurement>? readings = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("device"u8))
                {
                    if (device is not null)
                    {
                        return Repeated<Batch>(path, "device");
                    }

                    reader.Read();
                    device = ReadDevice(b);
                    if (device is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("readings"u8))
                {
                    if (readings is not null)
                    {
                        return Repeated<Batch>(path, "readings");
                    }

                    reader.Read();
                    readings = ReadMeasurements(b);
                    if (readings is null)
                    {
                        return null;
                    }
                }
                else
                {
                    return Unexpected<Batch>(path, "device, readings");
                }
            }

            if (device is null)
            {
                return Schema<Batch>($"{path}: missing 'device' {DeviceShape}");
            }

            if (readings is null)
            {
                return Schema<Batch>($"{path}: missing 'readings' [{MeasurementShape}, …]");
            }

            return new Batch(device, readings);
        }

        private List<Measurement>? ReadMeasurements(int b)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return Schema<List<Measurement>>(FormattableString.Invariant($"batches[{b}].readings: expected an array of readings, got {Got()}"));
            }

            var readings = new List<Measurement>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var measurement = ReadMeasurement(b, readings.Count);
                if (measurement is null)
                {
                    return null;
                }

                readings.Add(measurement);
            }

            if (readings.Count == 0)
            {
                return Schema<List<Measurement>>(FormattableString.Invariant($"batches[{b}].readings: is empty; expected at least one reading {MeasurementShape}"));
            }

            return readings;
        }

        private Measurement? ReadMeasurement(int b, int r)
        {
            var path = b < 0 ? "reading" : FormattableString.Invariant($"batches[{b}].readings[{r}]");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Schema<Measurement>(FormattableString.Invariant($"{path}: expected an object {MeasurementShape}, got {Got()}"));
            }

            double? temp = null;
            double? time = null;
            int? batt = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("temp"u8))
                {
                    if (temp is not null)
                    {
                        return Repeated<Measurement>(path, "temp");
                    }

                    reader.Read();
                    if (!TryReadNumber(path, "temp", out var value))
                    {
                        return null;
                    }

                    if (!(value >= MinTemp && value <= MaxTemp))
                    {
                        return OutOfRange<Measurement>(FormattableString.Invariant($"{path}.temp: {Raw()} is outside {MinTemp}…{MaxTemp} °C"));
                    }

                    temp = value;
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    if (time is not null)
                    {
                        return Repeated<Measurement>(path, "time");
                    }

                    reader.Read();
                    if (!TryReadNumber(path, "time", out var value))
                    {
                        return null;
                    }

                    if (value < 0)
                    {
                        return OutOfRange<Measurement>(FormattableString.Invariant($"{path}.time: {Raw()} is before 1970; expected Unix seconds"));
                    }

                    if (value * 1000d > nowMs + MaxFutureMs)
                    {
                        return OutOfRange<Measurement>(FormattableString.Invariant(
                            $"{path}.time: {Raw()} is more than 5 minutes after now ({nowMs / 1000d} s); expected Unix seconds no later than {(nowMs + MaxFutureMs) / 1000d}"));
                    }

                    time = value;
                }
                else if (reader.ValueTextEquals("batt"u8))
                {
                    if (batt is not null)
                    {
                        return Repeated<Measurement>(path, "batt");
                    }

                    reader.Read();
                    if (!TryReadNumber(path, "batt", out var value))
                    {
                        return null;
                    }

                    if (!(value >= MinBatt && value <= MaxBatt))
                    {
                        return OutOfRange<Measurement>(FormattableString.Invariant($"{path}.batt: {Raw()} is outside {MinBatt}…{MaxBatt} %"));
                    }

                    if (value != Math.Floor(value))
                    {
                        return Schema<Measurement>(FormattableString.Invariant($"{path}.batt: {Raw()} is not a whole number; expected an integer percentage {MinBatt}…{MaxBatt}"));
                    }

                    batt = (int)value;
                }
                else
                {
                    return Unexpected<Measurement>(path, "temp, time, batt");
                }
            }

            if (temp is null || time is null || batt is null)
            {
                var missing = temp is null ? "temp" : time is null ? "time" : "batt";
                return Schema<Measurement>($"{path}: missing '{missing}'; expected {MeasurementShape}");
            }

            return new Measurement(temp.Value, time.Value, batt.Value);
        }

        private bool TryReadNumber(string path, string field, out double value)
        {
            value = 0;
            if (reader.TokenType != JsonTokenType.Number)
            {
                Fail(DeadLetterReason.Schema, FormattableString.Invariant($"{path}.{field}: expected a number, got {Got()}"));
                return false;
            }

            if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
            {
                Fail(DeadLetterReason.OutOfRange, FormattableString.Invariant($"{path}.{field}: {Raw()} is not a finite number"));
                return false;
            }

            return true;
        }
    }
}
