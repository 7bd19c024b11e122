using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(KafkaSettings.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<KafkaBackboneService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<KafkaBackboneService>());

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
