using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Abstractions.Tests.Readings;

public sealed class ReadingJsonSpec
{
    private const string DesignExample =
        """{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75,"receivedAt":1732291201123,"source":"reports/0/4711/0"}""";

    [Fact]
    public void A_reading_is_written_exactly_as_the_design_example()
    {
        var reading = new Reading(DeviceId: 123, GatewayId: 7, Time: 1732291200000, Temp: 4.5, Batt: 75, ReceivedAt: 1732291201123, Source: "reports/0/4711/0");

        Assert.Equal(DesignExample, Encoding.UTF8.GetString(ReadingJson.Serialize(reading)));
    }

    [Fact]
    public void A_whole_temperature_is_written_without_a_fraction()
    {
        var json = Encoding.UTF8.GetString(ReadingJson.Serialize(new Reading(1, 2, 3, 15, 4, 5, "s")));

        Assert.Contains("\"temp\":15,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_written_reading_reads_back_equal()
    {
        var reading = new Reading(123, 7, 1732291200123, -18.25, 3, 1732291201123, "reports/2/99/5");

        Assert.Equal(reading, ReadingJson.Deserialize(ReadingJson.Serialize(reading)));
    }

    [Fact]
    public void The_design_example_reads_as_a_reading()
    {
        var reading = ReadingJson.Deserialize(Encoding.UTF8.GetBytes(DesignExample));

        Assert.Equal(new Reading(123, 7, 1732291200000, 4.5, 75, 1732291201123, "reports/0/4711/0"), reading);
    }

    [Fact]
    public void Unknown_properties_are_skipped_and_a_property_given_twice_keeps_its_last_value()
    {
        var json = """{"extra":{"a":[1,2]},"deviceId":1,"gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75,"receivedAt":1732291201123,"source":"reports/0/4711/0","deviceId":123,"note":null}""";

        Assert.Equal(new Reading(123, 7, 1732291200000, 4.5, 75, 1732291201123, "reports/0/4711/0"), ReadingJson.Deserialize(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":4.5,"receivedAt":1732291201123}""", "batt, source missing")]
    [InlineData("""{"deviceId":"123","gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75,"receivedAt":1,"source":"s"}""", "deviceId must be a whole number, got a string")]
    [InlineData("""{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75.5,"receivedAt":1,"source":"s"}""", "batt must be a whole number, got 75.5.")]
    [InlineData("""{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":true,"batt":75,"receivedAt":1,"source":"s"}""", "temp must be a number, got a boolean")]
    [InlineData("""{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75,"receivedAt":1,"source":null}""", "source must be a string, got null")]
    [InlineData("""[1]""", "Expected a reading object, got an array")]
    public void Something_that_is_not_a_reading_is_an_error_saying_what_is_wrong(string json, string says)
    {
        var error = Assert.ThrowsAny<JsonException>(() => ReadingJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"deviceId":123,"gatewayId":7""")]
    [InlineData("""{"deviceId":123,"gatewayId":7,"time":1732291200000,"temp":4.5,"batt":75,"receivedAt":1,"source":"s"} {}""")]
    [InlineData("""{"deviceId":99999999999999999999,"gatewayId":7,"time":1,"temp":4.5,"batt":75,"receivedAt":1,"source":"s"}""")]
    public void Damaged_or_trailing_or_overflowing_json_is_an_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ReadingJson.Deserialize(Encoding.UTF8.GetBytes(json)));
    }
}
