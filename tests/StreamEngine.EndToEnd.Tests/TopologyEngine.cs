using System.Text.RegularExpressions;
using StreamEngine.Host.Cli;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// One real <c>streamengine</c> host (embedded Kafka on free ports, SQLite files and the topology journal in a
/// temporary directory) shared by a spec's tests, and the <c>topology</c> CLI pointed at it.
/// </summary>
public sealed partial class TopologyEngine : IAsyncLifetime
{
    public const string Password = "topology-s3cret";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"topology-{Guid.NewGuid():N}");
    private EngineProcess? _engine;

    /// <summary>The host's embedded Kafka cluster.</summary>
    public string Bootstrap { get; private set; } = "";

    /// <summary>Where the host's REST API listens.</summary>
    public Uri Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePorts.Consecutive(3);
        Bootstrap = $"127.0.0.1:{port}";
        _engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            $"--Admin:Password={Password}", $"--Cluster:JournalConnectionString=Data Source={Path.Combine(_directory, "cluster.db")}");
        await _engine.WaitForOutput("Application started", Patience);
        Api = new Uri(ListeningOn().Match(_engine.Output).Groups[1].Value);
    }

    /// <summary>Runs <c>streamengine topology</c> with the arguments, logged in as the admin at <see cref="Api"/>.</summary>
    public async Task<(int Exit, string Output, string Error)> Cli(params string[] arguments)
    {
        using var output = new StringWriter();
        var (exit, error) = await Cli(output, arguments);
        return (exit, output.ToString(), error);
    }

    /// <summary>Runs <c>streamengine topology</c> writing its output to <paramref name="output"/> as it goes, e.g. kill's progress.</summary>
    public async Task<(int Exit, string Error)> Cli(TextWriter output, params string[] arguments)
    {
        using var error = new StringWriter();
        var exit = await TopologyCommand.Run([.. arguments, "--url", Api.ToString(), "--password", Password], output, error, CancellationToken.None);
        return (exit, error.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.Interrupt(Patience);
            _engine.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
