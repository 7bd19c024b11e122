namespace StreamEngine.EndToEnd.Tests;

/// <summary>A node whose configuration file gives an engine setting as null stops at start and names the key.</summary>
public sealed class UnsetSettingsSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("unset-settings-").FullName;

    [Fact]
    public async Task A_node_whose_configuration_file_gives_a_setting_as_null_stops_at_start_naming_it()
    {
        var config = Path.Combine(_folder, "node.json");
        await File.WriteAllTextAsync(config, """{ "Authentication": { "CredentialRefresh": null } }""");

        using var engine = EngineProcess.Start(
            $"--config={config}", $"--Kafka:Embedded:Port={FreePorts.Consecutive(3)}", "--urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(_folder, "engine.db")}");

        await engine.WaitForExit(Patience);
        Assert.Equal(1, engine.ExitCode);
        Assert.Contains(
            "streamengine stopped: the setting Authentication:CredentialRefresh has no value (null in a JSON file, or an empty object)",
            engine.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Cluster node", engine.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
