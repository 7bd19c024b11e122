using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Authentication;

/// <summary>
/// The authentication topology as the thesis draws it (figure 7.2): parse → gateway check ∥ device check → join.
/// Consumes reports, emits what to write (readings and dead letters) with the report's offset to pass on.
/// </summary>
public static class AuthenticationTopology
{
    /// <param name="settings">Lookups in flight and the output topics.</param>
    /// <param name="gateways">Gateway credentials.</param>
    /// <param name="devices">Device credentials.</param>
    /// <param name="nowMs">The clock of a report's arrival and of the dead letters' <c>at</c>.</param>
    /// <param name="metrics">Counts the stages <c>parse</c>, <c>gateway-check</c> and <c>device-check</c>.</param>
    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        AuthenticationSettings settings, CredentialCache gateways, CredentialCache devices, Func<long> nowMs, TopologyMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(nowMs);
        ArgumentNullException.ThrowIfNull(metrics);
        return Flow.FromGraph(GraphDsl.Create(builder =>
        {
            var parse = builder.Add(Flow.Create<CommittableMessage>()
                .Select(metrics.Stage("parse").Timed((CommittableMessage m) =>
                {
                    var now = nowMs();
                    return new ParsedReport(m, ReportParser.Parse(m.Record.Value, now), now);
                }))
                .Named("parse"));
            var fork = builder.Add(new Broadcast<ParsedReport>(2));
            var gatewayCheck = builder.Add(Flow.Create<ParsedReport>()
                .SelectValueAsync(settings.LookupParallelism, metrics.Stage("gateway-check").TimedValueAsync((ParsedReport r) => CheckGateway(r, gateways)))
                .Named("gateway-check"));
            var deviceCheck = builder.Add(Flow.Create<ParsedReport>()
                .SelectValueAsync(settings.LookupParallelism, metrics.Stage("device-check").TimedValueAsync((ParsedReport r) => CheckDevices(r, devices)))
                .Named("device-check"));
            var join = builder.Add(ZipWith.Apply<(ParsedReport Report, CredentialCheck? Gateway), IReadOnlyList<CredentialCheck>, ProducerEnvelope<CommittableOffset>>(
                (gateway, checkedDevices) => AuthenticationOutput.Build(gateway.Report, gateway.Gateway, checkedDevices, settings)));

            builder.From(parse).To(fork);
            builder.From(fork.Out(0)).Via(gatewayCheck).To(join.In0);
            builder.From(fork.Out(1)).Via(deviceCheck).To(join.In1);
            return new FlowShape<CommittableMessage, ProducerEnvelope<CommittableOffset>>(parse.Inlet, join.Out);
        })).Named("authentication");
    }

    private static async ValueTask<(ParsedReport, CredentialCheck?)> CheckGateway(ParsedReport report, CredentialCache gateways) =>
        report.Parsed.Report is { } parsed ? (report, await gateways.Check(parsed.Gateway.Id, parsed.Gateway.Auth).ConfigureAwait(false)) : (report, null);

    private static async ValueTask<IReadOnlyList<CredentialCheck>> CheckDevices(ParsedReport report, CredentialCache devices)
    {
        if (report.Parsed.Report is not { } parsed)
        {
            return [];
        }

        var checks = new CredentialCheck[parsed.Batches.Count];
        for (var b = 0; b < checks.Length; b++)
        {
            var device = parsed.Batches[b].Device;
            checks[b] = await devices.Check(device.Id, device.Auth).ConfigureAwait(false);
        }

        return checks;
    }
}
