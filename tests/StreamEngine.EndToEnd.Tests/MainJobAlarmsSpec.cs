using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The main job (the engine with its built-in simulator), on short durations: its alarms reach the <c>alerts</c> topic, the console and the live counts.</summary>
public sealed partial class MainJobAlarmsSpec : IDisposable
{
    /// <summary>The only bad reports the built-in simulator sends: every 25th carries a wrong device token.</summary>
    private const string BadDeviceToken = "bad-device-token";

    /// <summary>Every kind of alert the simulator provokes.</summary>
    private static readonly string[] AlertKinds = ["battery-low", "communication-restored", "no-communication", "temperature-high"];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mainjob-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_simulated_fleet_raises_threshold_and_no_communication_alerts_then_the_silent_device_comes_back()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePorts.Consecutive(3);
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            "--Simulator:Enabled=true", "--Simulator:BreachEvery=00:00:04", "--Simulator:SilentDeviceAfter=00:00:02", "--Simulator:SilentDeviceFor=00:00:10",
            "--Alerts:Silence=00:00:05", "--Alerts:LoaderInterval=00:00:01");

        await engine.WaitForOutput("falls silent", Patience);
        Assert.Contains("Simulator on: Thresholds:Cooldown 00:02:00 instead of 01:00:00", engine.Output, StringComparison.Ordinal);
        var silent = long.Parse(SilentDevice().Match(engine.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        await engine.WaitForOutput(
            output => LiveCountLine.AllIn(output).Any(line => line.CountsAll([BadDeviceToken], AlertKinds)),
            $"a live-count line with reports, readings, {BadDeviceToken} dead letters, raw rows, datapoints, SMS and alerts of every kind ({string.Join(", ", AlertKinds)}) above zero",
            Patience);
        Assert.All(LiveCountLine.AllIn(engine.Output), line => Assert.All(line.DeadLetters.Keys, reason => Assert.Equal(BadDeviceToken, reason)));
        Assert.Matches(@"SMS to \+351900000000 \(alert temperature-high/[^)]+\): ALERT Simulated fridge 1\.1 \(device \d+\): too warm, ", engine.Output);

        // On a loaded machine the job may fall more than the 5 s silence behind and flag other devices too, so the
        // counts can show every kind before the silent device's own communication-restored is written: wait for it.
        var alerts = await Eventually.Value(
            () => Task.Run(() => TopicReader.ReadAll($"127.0.0.1:{port}", "alerts", 4, Patience)
                .Select(v => JsonDocument.Parse(v).RootElement)
                .Select(a => (Kind: a.GetProperty("kind").GetString(), DeviceId: a.GetProperty("deviceId").GetInt64()))
                .ToList()),
            read => read.Contains(("communication-restored", silent)),
            $"the silent device {silent}'s communication-restored on the alerts topic",
            Patience);
        Assert.Equal(AlertKinds, alerts.Select(a => a.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(("no-communication", silent), alerts);
        Assert.Contains(("communication-restored", silent), alerts);

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    [GeneratedRegex(@"device (\d+) falls silent")]
    private static partial Regex SilentDevice();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
