using System.Text;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Tests.Topologies;

public sealed class TopologyCountersTests
{
    [Fact]
    public void Alerts_written_are_counted_by_kind_and_dead_letters_by_reason()
    {
        var counters = new TopologyCounters("deadletters", "alerts");

        counters.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"alertId":"a","kind":"temperature-high","deviceId":1}"""));
        counters.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"alertId":"b","kind":"temperature-high","deviceId":2}"""));
        counters.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"alertId":"c","kind":"no-communication","deviceId":3}"""));
        counters.CountWritten("deadletters", Encoding.UTF8.GetBytes("""{"reason":"sink-failed"}"""));
        counters.CountWritten("readings", Encoding.UTF8.GetBytes("""{"kind":"not-an-alert"}"""));

        Assert.Equal(new Dictionary<string, long> { ["temperature-high"] = 2, ["no-communication"] = 1 }, counters.AlertsByKind);
        Assert.Equal(new Dictionary<string, long> { ["sink-failed"] = 1 }, counters.DeadLettersByReason);
        Assert.Equal(3, counters.WrittenByTopic["alerts"]);
    }

    [Fact]
    public void Alarm_counts_read_as_alerts_by_kind_and_sms_sent()
    {
        var thresholds = new TopologyCounters("deadletters", "alerts");
        var alerts = new TopologyCounters("deadletters", "alerts");
        thresholds.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"kind":"temperature-high"}"""));
        thresholds.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"kind":"battery-low"}"""));
        alerts.CountWritten("alerts", Encoding.UTF8.GetBytes("""{"kind":"no-communication"}"""));

        Assert.Equal("alerts 3 [battery-low 1, no-communication 1, temperature-high 1], sms 2", AlarmCounts.Describe([thresholds, alerts], 2, 0));
        Assert.Equal("alerts 0 [], sms 0 (1 rejected)", AlarmCounts.Describe([], 0, 1));
    }
}
