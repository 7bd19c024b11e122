using System.Text;
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
}
