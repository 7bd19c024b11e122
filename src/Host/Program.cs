using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;

var builder = Host.CreateApplicationBuilder(args);
if (builder.Configuration["config"] is { Length: > 0 } configFile)
{
    // A file from cluster-config/ (--config FILE); the command line still wins over it.
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false).AddCommandLine(args);
}

builder.Services.AddSingleton(KafkaSettings.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<KafkaBackboneService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<KafkaBackboneService>());

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
