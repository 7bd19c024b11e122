using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The main job with a legacy API set: every reading is posted to it, and the console stays readable.</summary>
public sealed class MainJobLegacySpec : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mainjob-legacy-{Guid.NewGuid():N}");
    private LegacyApiStandIn _legacy = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _legacy = await LegacyApiStandIn.Start();
    }

    [Fact]
    public async Task The_simulated_readings_reach_the_legacy_api_without_a_log_line_per_post_or_a_false_warning()
    {
        var port = FreePorts.Consecutive(3);
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            "--Simulator:Enabled=true", $"--Legacy:Url={_legacy.Url}");

        await Eventually.True(() => _legacy.Received.Count >= 200, "the legacy API received 200 simulated readings", Patience);
        await engine.Interrupt(Patience);

        Assert.Equal(0, engine.ExitCode);
        Assert.All(_legacy.Received, body => Assert.StartsWith("{\"device\":{\"id\":", body, StringComparison.Ordinal));
        Assert.DoesNotContain("System.Net.Http.HttpClient", engine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed to find an associated singleton", engine.Output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _legacy.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
