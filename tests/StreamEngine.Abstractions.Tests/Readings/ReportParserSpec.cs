using System.Text;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Abstractions.Tests.Readings;

public sealed class ReportParserSpec
{
    /// <summary>2024-11-22T16:00:00Z, the time of the DESIGN examples.</summary>
    private const long NowMs = 1_732_291_200_000;

    private const string Gateway = """{"id":7,"auth":"B12F31EBDDF2D982895195964FEAB0065031430B"}""";

    private static ReportParseResult Parse(string json) => ReportParser.Parse(Encoding.UTF8.GetBytes(json), NowMs);

    private static Report Accepted(string json)
    {
        var result = Parse(json);
        Assert.True(result.IsAccepted, result.ToString());
        return result.Report;
    }

    private static string Rejected(string json, string reason)
    {
        var result = Parse(json);
        Assert.False(result.IsAccepted, "accepted: " + json);
        Assert.Equal(reason, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        return result.Detail;
    }

    private static string WithReading(string reading) =>
        $$$"""{"gateway":{{{Gateway}}},"batches":[{"device":{"id":123,"auth":789},"readings":[{{{reading}}}]}]}""";

    [Fact]
    public void The_batch_form_of_the_design_example_is_a_report()
    {
        var report = Accepted("""
            {"gateway":{"id":7,"auth":"B12F31EBDDF2D982895195964FEAB0065031430B"},
             "batches":[{"device":{"id":123,"auth":789},
                         "readings":[{"temp":4.5,"time":1732291200,"batt":75}]}]}
            """);

        Assert.Equal(new GatewayCredentials(7, "B12F31EBDDF2D982895195964FEAB0065031430B"), report.Gateway);
        var batch = Assert.Single(report.Batches);
        Assert.Equal(new DeviceCredentials(123, "789"), batch.Device);
        var measurement = Assert.Single(batch.Readings);
        Assert.Equal(new Measurement(4.5, 1732291200, 75), measurement);
        Assert.Equal(1_732_291_200_000, measurement.TimeMs);
    }

    [Fact]
    public void The_single_reading_form_is_one_batch_of_one_reading()
    {
        var report = Accepted($$$"""
            {"gateway":{{{Gateway}}},"device":{"id":123,"auth":789},"reading":{"temp":15,"time":1732291200,"batt":75}}
            """);

        Assert.Equal(7, report.Gateway.Id);
        var batch = Assert.Single(report.Batches);
        Assert.Equal(new DeviceCredentials(123, "789"), batch.Device);
        Assert.Equal(new Measurement(15, 1732291200, 75), Assert.Single(batch.Readings));
    }

    [Fact]
    public void The_single_reading_form_may_list_its_parts_in_any_order()
    {
        var report = Accepted($$$"""
            {"reading":{"batt":75,"time":1732291200,"temp":15},"device":{"auth":789,"id":123},"gateway":{{{Gateway}}}}
            """);

        Assert.Equal(new Measurement(15, 1732291200, 75), Assert.Single(Assert.Single(report.Batches).Readings));
    }

    [Fact]
    public void Several_batches_keep_their_devices_and_readings_in_order()
    {
        var report = Accepted($$$"""
            {"gateway":{{{Gateway}}},"batches":[
              {"device":{"id":1,"auth":11},"readings":[{"temp":1,"time":1732291100,"batt":10},{"temp":2,"time":1732291101,"batt":20}]},
              {"device":{"id":2,"auth":"22"},"readings":[{"temp":-3.25,"time":1732291102,"batt":30}]},
              {"device":{"id":3,"auth":33},"readings":[{"temp":4,"time":1732291103,"batt":40},{"temp":5,"time":1732291104,"batt":50},{"temp":6,"time":1732291105,"batt":60}]}]}
            """);

        Assert.Equal([1L, 2L, 3L], report.Batches.Select(b => b.Device.Id));
        Assert.Equal([2, 1, 3], report.Batches.Select(b => b.Readings.Count));
        Assert.Equal([1d, 2d, -3.25d, 4d, 5d, 6d], report.Batches.SelectMany(b => b.Readings).Select(m => m.Temp));
        Assert.Equal([10, 20, 30, 40, 50, 60], report.Batches.SelectMany(b => b.Readings).Select(m => m.Batt));
    }

    [Theory]
    [InlineData("789", "789")]
    [InlineData("\"789\"", "789")]
    [InlineData("7.89e2", "7.89e2")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    public void A_device_auth_sent_as_a_number_is_kept_as_its_text(string auth, string expected)
    {
        var report = Accepted($$$"""{"gateway":{{{Gateway}}},"device":{"id":123,"auth":{{{auth}}}},"reading":{"temp":1,"time":1,"batt":1}}""");

        Assert.Equal(expected, report.Batches[0].Device.Auth);
    }

    [Fact]
    public void A_device_auth_sent_as_a_string_is_kept_as_that_string()
    {
        var report = Accepted($$$"""{"gateway":{{{Gateway}}},"device":{"id":123,"auth":"0789-ab\u0041"},"reading":{"temp":1,"time":1,"batt":1}}""");

        Assert.Equal("0789-abA", report.Batches[0].Device.Auth);
    }

    [Theory]
    [InlineData("1732291200", 1_732_291_200_000)]
    [InlineData("1732291200.5", 1_732_291_200_500)]
    [InlineData("1732291200.123", 1_732_291_200_123)]
    [InlineData("1732291200.001", 1_732_291_200_001)]
    [InlineData("1732291199.999", 1_732_291_199_999)]
    [InlineData("1.7322912001234E9", 1_732_291_200_123)]
    public void Fractional_seconds_become_whole_milliseconds(string time, long expectedMs)
    {
        var report = Accepted(WithReading($$$"""{"temp":4.5,"time":{{{time}}},"batt":75}"""));

        Assert.Equal(expectedMs, report.Batches[0].Readings[0].TimeMs);
    }

    [Theory]
    [InlineData("-100", "0")]
    [InlineData("150", "100")]
    [InlineData("-99.99", "1")]
    [InlineData("149.9", "99")]
    public void Temperatures_and_batteries_at_their_limits_are_accepted(string temp, string batt)
    {
        Accepted(WithReading($$$"""{"temp":{{{temp}}},"time":1732291200,"batt":{{{batt}}}}"""));
    }

    [Fact]
    public void A_time_exactly_5_minutes_ahead_is_accepted()
    {
        var report = Accepted(WithReading("""{"temp":4.5,"time":1732291500,"batt":75}"""));

        Assert.Equal(NowMs + ReportParser.MaxFutureMs, report.Batches[0].Readings[0].TimeMs);
    }

    [Theory]
    [InlineData("1732291500.001")]
    [InlineData("1732291501")]
    [InlineData("1832291200")]
    [InlineData("1e300")]
    public void A_time_more_than_5_minutes_ahead_is_out_of_range(string time)
    {
        var detail = Rejected(WithReading($$$"""{"temp":4.5,"time":{{{time}}},"batt":75}"""), DeadLetterReason.OutOfRange);

        Assert.StartsWith($"batches[0].readings[0].time: {time} is more than 5 minutes after now", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_in_the_past_is_accepted()
    {
        Accepted(WithReading("""{"temp":4.5,"time":1000000000,"batt":75}"""));
    }

    [Fact]
    public void A_temperature_above_150_is_out_of_range()
    {
        var detail = Rejected($$$"""
            {"gateway":{{{Gateway}}},"batches":[
              {"device":{"id":1,"auth":1},"readings":[{"temp":1,"time":1732291200,"batt":10}]},
              {"device":{"id":2,"auth":2},"readings":[{"temp":151,"time":1732291200,"batt":10}]}]}
            """, DeadLetterReason.OutOfRange);

        Assert.Equal("batches[1].readings[0].temp: 151 is outside -100…150 °C", detail);
    }

    [Fact]
    public void A_temperature_below_minus_100_is_out_of_range()
    {
        var detail = Rejected(WithReading("""{"temp":-100.5,"time":1732291200,"batt":75}"""), DeadLetterReason.OutOfRange);

        Assert.Equal("batches[0].readings[0].temp: -100.5 is outside -100…150 °C", detail);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("100.5")]
    public void A_battery_outside_0_to_100_is_out_of_range(string batt)
    {
        var detail = Rejected(WithReading($$$"""{"temp":4.5,"time":1732291200,"batt":{{{batt}}}}"""), DeadLetterReason.OutOfRange);

        Assert.Equal($"batches[0].readings[0].batt: {batt} is outside 0…100 %", detail);
    }

    [Theory]
    [InlineData("""{"temp":1e400,"time":1732291200,"batt":75}""", "temp")]
    [InlineData("""{"temp":-1e400,"time":1732291200,"batt":75}""", "temp")]
    [InlineData("""{"temp":4.5,"time":1e400,"batt":75}""", "time")]
    [InlineData("""{"temp":4.5,"time":1732291200,"batt":1e400}""", "batt")]
    public void A_number_too_large_to_be_finite_is_out_of_range(string reading, string field)
    {
        var detail = Rejected(WithReading(reading), DeadLetterReason.OutOfRange);

        Assert.Contains($"readings[0].{field}: ", detail, StringComparison.Ordinal);
        Assert.EndsWith("is not a finite number", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_before_1970_is_out_of_range()
    {
        Rejected(WithReading("""{"temp":4.5,"time":-1,"batt":75}"""), DeadLetterReason.OutOfRange);
    }

    [Fact]
    public void The_single_reading_form_names_its_fields_without_batch_indexes()
    {
        var detail = Rejected($$$"""
            {"gateway":{{{Gateway}}},"device":{"id":123,"auth":789},"reading":{"temp":151,"time":1732291200,"batt":75}}
            """, DeadLetterReason.OutOfRange);

        Assert.Equal("reading.temp: 151 is outside -100…150 °C", detail);
    }

    [Fact]
    public void A_report_over_1_MiB_is_too_large_without_being_read()
    {
        var payload = new byte[ReportParser.MaxReportBytes + 1];
        payload.AsSpan().Fill((byte)'{');

        var result = ReportParser.Parse(payload, NowMs);

        Assert.Equal(DeadLetterReason.TooLarge, result.Reason);
        Assert.Equal("report is 1048577 bytes; at most 1048576 bytes (1 MiB) are accepted", result.Detail);
    }

    [Fact]
    public void A_report_of_exactly_1_MiB_is_read()
    {
        var json = WithReading("""{"temp":4.5,"time":1732291200,"batt":75}""");
        var payload = Encoding.UTF8.GetBytes(json.PadRight(ReportParser.MaxReportBytes));

        Assert.True(ReportParser.Parse(payload, NowMs).IsAccepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("""{"gateway":""")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[],}""")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"}} // comment""")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"}} {}""")]
    [InlineData("""{'gateway':{}}""")]
    [InlineData("""{"gateway":{"id":07,"auth":"x"}}""")]
    public void Text_that_is_not_JSON_is_malformed(string json)
    {
        var detail = Rejected(json, DeadLetterReason.MalformedJson);

        Assert.StartsWith("not JSON: ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_report_followed_by_more_text_is_malformed()
    {
        Rejected(WithReading("""{"temp":4.5,"time":1732291200,"batt":75}""") + "]", DeadLetterReason.MalformedJson);
    }

    [Fact]
    public void A_schema_error_in_text_that_is_not_JSON_further_on_is_malformed()
    {
        Rejected("""{"gateway":"seven","batches":[{"device":""", DeadLetterReason.MalformedJson);
    }

    [Fact]
    public void Invalid_UTF8_in_a_token_is_malformed()
    {
        var json = Encoding.UTF8.GetBytes($$$"""{"gateway":{"id":7,"auth":"AB"},"device":{"id":1,"auth":1},"reading":{"temp":1,"time":1,"batt":1}}""");
        var at = Array.IndexOf(json, (byte)'B');
        json[at] = 0xFF;

        Assert.Equal(DeadLetterReason.MalformedJson, ReportParser.Parse(json, NowMs).Reason);
    }

    [Theory]
    [InlineData("""[]""", "expected a report object")]
    [InlineData("""42""", "expected a report object")]
    [InlineData("""{}""", "missing 'gateway'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"}}""", "missing 'batches'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[]}""", "batches: is empty")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":{}}""", "batches: expected an array of batches, got an object")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[{"device":{"id":1,"auth":1},"readings":[]}]}""", "batches[0].readings: is empty")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[{"device":{"id":1,"auth":1}}]}""", "batches[0]: missing 'readings'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[{"readings":[{"temp":1,"time":1,"batt":1}]}]}""", "batches[0]: missing 'device'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"batches":[7]}""", "batches[0]: expected an object")]
    [InlineData("""{"gateway":"seven","batches":[]}""", "gateway: expected an object")]
    [InlineData("""{"gateway":{"id":"7","auth":"x"},"batches":[]}""", "gateway.id: expected an integer id, got a string")]
    [InlineData("""{"gateway":{"id":7.5,"auth":"x"},"batches":[]}""", "gateway.id: 7.5 is not an integer id")]
    [InlineData("""{"gateway":{"id":7,"auth":123},"batches":[]}""", "gateway.auth: expected the gateway's token as a string, got a number")]
    [InlineData("""{"gateway":{"id":7,"auth":""},"batches":[]}""", "gateway.auth: is empty")]
    [InlineData("""{"gateway":{"id":7},"batches":[]}""", "gateway: missing 'auth'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x","name":"g"},"batches":[]}""", "gateway: unexpected property 'name'")]
    [InlineData("""{"gateway":{"id":7,"id":8,"auth":"x"},"batches":[]}""", "gateway: 'id' appears twice")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"gateway":{"id":7,"auth":"x"}}""", "'gateway' appears twice")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"version":2}""", "unexpected property 'version'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":1,"auth":true},"reading":{"temp":1,"time":1,"batt":1}}""", "device.auth: expected the device's token as a number or a string, got a boolean")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":null,"auth":1},"reading":{"temp":1,"time":1,"batt":1}}""", "device.id: expected an integer id, got null")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":1,"auth":1}}""", "has 'device' but is missing 'reading'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"reading":{"temp":1,"time":1,"batt":1}}""", "has 'reading' but is missing 'device'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":1,"auth":1},"reading":[{"temp":1,"time":1,"batt":1}]}""", "reading: expected an object")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":1,"auth":1},"readings":[{"temp":1,"time":1,"batt":1}]}""", "unexpected property 'readings'")]
    [InlineData("""{"gateway":{"id":7,"auth":"x"},"device":{"id":1,"auth":1},"reading":{"temp":1,"time":1,"batt":1},"batches":[{"device":{"id":1,"auth":1},"readings":[{"temp":1,"time":1,"batt":1}]}]}""", "has both 'batches' and a single 'device'/'reading'")]
    public void A_report_of_the_wrong_shape_is_a_schema_error(string json, string expectedDetail)
    {
        var detail = Rejected(json, DeadLetterReason.Schema);

        Assert.Contains(expectedDetail, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"temp":"4.5","time":1732291200,"batt":75}""", "batches[0].readings[0].temp: expected a number, got a string")]
    [InlineData("""{"temp":null,"time":1732291200,"batt":75}""", "batches[0].readings[0].temp: expected a number, got null")]
    [InlineData("""{"temp":4.5,"time":"2024-11-22T16:00:00Z","batt":75}""", "batches[0].readings[0].time: expected a number, got a string")]
    [InlineData("""{"temp":4.5,"time":1732291200,"batt":75.5}""", "batches[0].readings[0].batt: 75.5 is not a whole number")]
    [InlineData("""{"temp":4.5,"time":1732291200}""", "batches[0].readings[0]: missing 'batt'")]
    [InlineData("""{"time":1732291200,"batt":75}""", "batches[0].readings[0]: missing 'temp'")]
    [InlineData("""{"temp":4.5,"batt":75}""", "batches[0].readings[0]: missing 'time'")]
    [InlineData("""{"temp":4.5,"temp":5,"time":1732291200,"batt":75}""", "batches[0].readings[0]: 'temp' appears twice")]
    [InlineData("""{"temp":4.5,"time":1732291200,"batt":75,"hum":40}""", "batches[0].readings[0]: unexpected property 'hum'; expected temp, time, batt")]
    public void A_reading_with_a_missing_or_wrong_typed_field_is_a_schema_error(string reading, string expectedDetail)
    {
        var detail = Rejected(WithReading(reading), DeadLetterReason.Schema);

        Assert.StartsWith(expectedDetail, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_error_says_what_is_expected()
    {
        var detail = Rejected(WithReading("""{"temp":4.5,"time":1732291200}"""), DeadLetterReason.Schema);

        Assert.Equal("""batches[0].readings[0]: missing 'batt'; expected {"temp":<°C>,"time":<Unix seconds>,"batt":<0…100>}""", detail);
    }

    [Fact]
    public void The_first_bad_value_decides_the_rejection()
    {
        var detail = Rejected($$$"""
            {"gateway":{{{Gateway}}},"batches":[
              {"device":{"id":1,"auth":1},"readings":[{"temp":1,"time":1732291200,"batt":10},{"temp":1,"time":1732291200,"batt":101}]},
              {"device":{"id":2,"auth":2},"readings":[{"temp":"x","time":1732291200,"batt":10}]}]}
            """, DeadLetterReason.OutOfRange);

        Assert.Equal("batches[0].readings[1].batt: 101 is outside 0…100 %", detail);
    }

    [Fact]
    public void Escaped_property_names_are_the_names_they_spell()
    {
        Accepted(WithReading("""{"\u0074emp":4.5,"time":1732291200,"batt":75}"""));
    }
}
