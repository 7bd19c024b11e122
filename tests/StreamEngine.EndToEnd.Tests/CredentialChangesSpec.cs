using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Cli;
using StreamEngine.Host.Simulator;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// The engine process on its embedded defaults, whose authentication trusts a registry answer for 10 minutes: a
/// device deactivated or a gateway deleted through the admin API is refused at its next report all the same, because
/// the API announces the change and the credential caches forget the id.
/// </summary>
public sealed partial class CredentialChangesSpec : IDisposable
{
    private const string Password = "credentials-s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"credentials-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_device_deactivated_and_a_gateway_deleted_through_the_admin_api_are_refused_at_their_next_report()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePorts.Consecutive(3);
        var bootstrap = $"127.0.0.1:{port}";
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            $"--Admin:Password={Password}");
        await engine.WaitForOutput("Application started", Patience);
        var api = new Uri(ListeningOn().Match(engine.Output).Groups[1].Value);
        using var admin = await AdminApiClient.Login(api, "admin", Password, CancellationToken.None);
        var gateway = await admin.CreateGateway(CancellationToken.None);
        var device = await admin.CreateDevice(CancellationToken.None);
        await admin.SetDeviceState(device.Id, true, CancellationToken.None);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        void Send()
        {
            var report = ReportJson.SingleReading(gateway, device, new SimulatedReading(4.5, time++, 80));
            producer.Produce("reports", new Message<string, string> { Key = gateway.Id.ToString(CultureInfo.InvariantCulture), Value = report });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        Send();
        Assert.Single(TopicReader.ReadAll(bootstrap, "readings", 1, Patience));

        await admin.SetDeviceState(device.Id, false, CancellationToken.None);
        Send();
        Assert.Equal([DeadLetterReason.DeviceInactive], Reasons(TopicReader.ReadAll(bootstrap, "deadletters", 1, Patience)));

        using var http = await AdminApiClient.LoggedIn(api, "--url", "admin", Password, CancellationToken.None);
        (await http.DeleteAsync($"/api/v1/admin/gateways/{gateway.Id}")).EnsureSuccessStatusCode();
        Send();
        Assert.Equal(
            [DeadLetterReason.DeviceInactive, DeadLetterReason.UnknownGateway], Reasons(TopicReader.ReadAll(bootstrap, "deadletters", 2, Patience)));
        Assert.Single(TopicReader.ReadAll(bootstrap, "readings", 1, TimeSpan.Zero));

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<string> Reasons(IEnumerable<byte[]> deadLetters) =>
        [.. deadLetters.Select(d => JsonDocument.Parse(d).RootElement.GetProperty("reason").GetString()!)];

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
