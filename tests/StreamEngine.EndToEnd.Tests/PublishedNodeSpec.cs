using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// A node as it is deployed: the host project published with <c>dotnet publish</c> (docker/Dockerfile runs the same
/// command), into a directory of its own, then started from there.
/// </summary>
public sealed partial class PublishedNodeSpec : IDisposable
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"published-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_published_node_is_compiled_ahead_of_time_and_runs_the_main_job()
    {
        var node = Path.Combine(_directory, "node");
        await Publish(node);

        Assert.True(IsReadyToRun(Path.Combine(node, "streamengine.dll")), "streamengine.dll is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(node, "StreamEngine.Topologies.dll")), "StreamEngine.Topologies.dll is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(node, "Akka.Streams.dll")), "Akka.Streams.dll is not ReadyToRun");
        Assert.False(IsReadyToRun(Path.Combine(node, "LanguageExt.Core.dll")), "LanguageExt.Core.dll was compiled ahead of time");

        var port = FreePorts.Consecutive(3);
        using var engine = EngineProcess.StartFrom(
            node,
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            "--Simulator:Enabled=true");

        await engine.WaitForOutput(StoredAndAlerted(), Patience);
        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    /// <summary>
    /// Publishes the host project as a deployment does. The build's own files go under the test's directory
    /// (<c>--artifacts-path</c>), so the binaries the other tests run from are not touched.
    /// </summary>
    private async Task Publish(string output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine("src", "Host", "StreamEngine.Host.csproj"), "-c", "Release", "-nologo",
            "--artifacts-path", Path.Combine(_directory, "artifacts"), "-o", output,
            // No build servers outliving the publish, holding its output open.
            "-nodeReuse:false", "-p:UseSharedCompilation=false",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        using var publish = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using (var cancellation = new CancellationTokenSource(PublishPatience))
        {
            await publish.WaitForExitAsync(cancellation.Token);
        }

        Assert.True(publish.ExitCode == 0, $"dotnet publish failed with exit code {publish.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    /// <summary>Whether the assembly carries native code compiled ahead of time (a ReadyToRun header).</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var file = File.OpenRead(assembly);
        using var reader = new PEReader(file);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>The live counts once readings are in the raw store and the metric store and an alert went out.</summary>
    [GeneratedRegex(@"raw rows [1-9]\d*, readings as datapoints [1-9]\d*, alerts [1-9]\d* \[")]
    private static partial Regex StoredAndAlerted();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
