using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Tests.Simulator;

public sealed class DeterministicScenarioTests
{
    private const long Now = 1_732_291_200;

    private static SimulatedFleet Fleet(int gateways, int devices) => new(
        [.. Enumerable.Range(1, gateways).Select(g => new SimulatedGateway(new IssuedCredentials(g, $"gw{g}"),
            [.. Enumerable.Range(0, devices).Select(d => new IssuedCredentials((g * 100) + d, $"dev{g}.{d}"))]))],
        new IssuedCredentials(999, "spare"));

    [Fact]
    public void Scenario_has_both_report_forms_and_one_report_of_every_bad_input_class_and_announces_its_outcome()
    {
        var reports = DeterministicScenario.Build(Fleet(2, 3), Now);
        var tally = new SimulationTally();
        foreach (var report in reports)
        {
            tally.Add(report);
        }

        // Per gateway 3 devices × 3 readings + 1 single reading; plus the good batch beside the unknown device.
        Assert.Equal((2 * ((3 * 3) + 1)) + 1, tally.ExpectedReadings);
        Assert.Equal(BadReports.Reasons.Order(StringComparer.Ordinal), tally.ExpectedDeadLetters.Keys);
        Assert.Equal(3, tally.ExpectedDeadLetters[DeadLetterReason.OutOfRange]);
        Assert.Equal(4, tally.SentByKind[SimulatedReport.Valid]);
        Assert.Contains(reports, r => r.Json.Contains("\"batches\"", StringComparison.Ordinal) && r.Kind == SimulatedReport.Valid);
        Assert.Contains(reports, r => r.Json.Contains("\"reading\"", StringComparison.Ordinal) && r.Kind == SimulatedReport.Valid);
    }

    [Fact]
    public void Every_report_gets_from_the_parser_the_verdict_it_was_built_for()
    {
        foreach (var report in DeterministicScenario.Build(Fleet(2, 3), Now))
        {
            var parsed = ReportParser.Parse(System.Text.Encoding.UTF8.GetBytes(report.Json), Now * 1000);
            var parserReasons = new[] { DeadLetterReason.MalformedJson, DeadLetterReason.Schema, DeadLetterReason.OutOfRange, DeadLetterReason.TooLarge };
            if (parserReasons.Contains(report.Kind))
            {
                Assert.Equal(report.Kind, parsed.Reason);
            }
            else
            {
                Assert.True(parsed.Report is not null, $"{report.Kind}: {parsed.Detail}");
            }
        }
    }

    [Fact]
    public void Readings_the_engine_must_emit_are_distinct_by_device_and_time()
    {
        var readings = DeterministicScenario.Build(Fleet(3, 4), Now)
            .Where(r => r.ExpectedReadings > 0)
            .Select(r => ReportParser.Parse(System.Text.Encoding.UTF8.GetBytes(r.Json), Now * 1000).Report)
            .OfType<Report>()
                        .SelectMany(r => r.Batches.Where(b => b.Device.Id != BadReports.UnknownId).SelectMany(b => b.Readings.Select(m => (b.Device.Id, m.TimeMs))))
            .ToList();
        Assert.Equal(readings.Count, readings.Distinct().Count());
    }
}
