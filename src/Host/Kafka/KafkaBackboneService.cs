using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Host.Kafka;

/// <summary>Starts the Kafka backbone with the host and stops it last.</summary>
public sealed partial class KafkaBackboneService(KafkaSettings settings, ILogger<KafkaBackboneService> logger) : IHostedService, IDisposable
{
    private KafkaBackbone? _backbone;

    /// <summary>The running backbone; set once the service has started.</summary>
    public KafkaBackbone Backbone => _backbone ?? throw new InvalidOperationException("The Kafka backbone has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _backbone = await KafkaBackbone.Start(settings, cancellationToken).ConfigureAwait(false);
        if (_backbone.IsEmbedded)
        {
            LogEmbedded(logger, settings.Embedded.Brokers, _backbone.ListenAddresses, EngineTopics.All, settings.Topics.Partitions);
        }
        else
        {
            LogExternal(logger, _backbone.ListenAddresses);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _backbone?.Dispose();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Embedded Kafka cluster ({Brokers} brokers) listening on {Addresses}; topics {Topics} ({Partitions} partitions each)")]
    private static partial void LogEmbedded(ILogger logger, int brokers, string addresses, IReadOnlyList<string> topics, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using Kafka at {Addresses}")]
    private static partial void LogExternal(ILogger logger, string addresses);
}
