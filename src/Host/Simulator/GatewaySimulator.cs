using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// Registers a fleet of gateways and devices, says which of them will raise alarms, then publishes their reports to
/// <c>reports</c> at a steady rate.
/// </summary>
public sealed class GatewaySimulator(SimulatorSettings settings, KafkaBackboneService kafka, IRegistry registry) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fleet = await SimulatedFleet.Register(registry, settings, stoppingToken).ConfigureAwait(false);
        var devices = fleet.Gateways.SelectMany(g => g.Devices).Select(d => d.Id).ToList();
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Simulator: {fleet.Gateways.Count} gateways, devices {devices.Min()}-{devices.Max()} at 2-8 C; {fleet.Alarms?.Describe()}")).ConfigureAwait(false);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = kafka.Backbone.Connection.BootstrapServers,
            LingerMs = 5,
        }).Build();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Math.Max(1, settings.ReportsPerSecond)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var (gateway, json) = fleet.NextReport(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), settings.BadReportEvery);
            producer.Produce(EngineTopics.Reports, new Message<string, string>
            {
                Key = gateway.ToString(CultureInfo.InvariantCulture),
                Value = json,
            });
        }

        producer.Flush(TimeSpan.FromSeconds(5));
    }
}
