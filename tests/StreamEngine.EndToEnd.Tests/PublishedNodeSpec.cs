using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// A node as it is deployed: the host project published with <c>dotnet publish</c> (docker/Dockerfile runs the same
/// command), into a directory of its own, then started from there.
/// </summary>
public sealed partial class PublishedNodeSpec : IDisposable
{
    /// <summary>The only bad reports the built-in simulator sends: every 25th carries a wrong device token.</summary>
    private const string BadDeviceToken = "bad-device-token";

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

        await engine.WaitForOutput(
            output => LiveCountLine.AllIn(output).Any(line => line.CountsAll([BadDeviceToken], [])),
            $"a live-count line with reports, readings, {BadDeviceToken} dead letters, raw rows, datapoints, alerts and SMS above zero",
            Patience);
        Assert.All(LiveCountLine.AllIn(engine.Output), line => Assert.All(line.DeadLetters.Keys, reason => Assert.Equal(BadDeviceToken, reason)));

        var devices = SimulatedDevices().Match(engine.Output);
        Assert.True(devices.Success, $"No 'Simulator: … devices FIRST-LAST' line in:\n{engine.Output}");
        var first = int.Parse(devices.Groups["first"].Value, CultureInfo.InvariantCulture);
        var simulated = Enumerable.Range(first, int.Parse(devices.Groups["last"].Value, CultureInfo.InvariantCulture) - first + 1).Select(id => (long)id).ToHashSet();
        using var http = new HttpClient { BaseAddress = new Uri(ListeningOn().Match(engine.Output).Groups[1].Value) };
        var (path, body) = ReadmeQuery();
        await Eventually.Value(
            () => DevicesWithPoints(http, path, body),
            found => found.SetEquals(simulated),
            $"README's query answering a non-empty temperature series for each simulated device {simulated.Min()}-{simulated.Max()} and no other",
            Patience);

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

    /// <summary>
    /// The path and body of README.md's one <c>curl … /datapoints/query -d '…'</c> line, so this test follows the README.
    /// </summary>
    private static (string Path, string Body) ReadmeQuery()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var queries = CurlQuery().Matches(readme);
        Assert.True(queries.Count == 1, $"README.md should show one 'curl -s localhost:8080/api/v1/datapoints/query -d '{{…}}'' line; it shows {queries.Count}.");
        return (queries[0].Groups["path"].Value, queries[0].Groups["body"].Value);
    }

    /// <summary>
    /// Sends the query as curl's <c>-d</c> does (a form content type, the body as it is) and returns the devices whose
    /// <c>device_id</c> group has values; fails on an error answer or on a group without any.
    /// </summary>
    private static async Task<HashSet<long>> DevicesWithPoints(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        var found = new HashSet<long>();
        foreach (var result in answer.RootElement.GetProperty("queries").EnumerateArray().Single().GetProperty("results").EnumerateArray())
        {
            Assert.Equal("temperature", result.GetProperty("name").GetString());
            if (!result.TryGetProperty("group_by", out var groups))
            {
                continue;
            }

            var device = groups.EnumerateArray().Single(g => g.GetProperty("name").GetString() == "tag").GetProperty("group").GetProperty("device_id").GetString();
            Assert.NotEmpty(result.GetProperty("values").EnumerateArray());
            found.Add(long.Parse(device!, CultureInfo.InvariantCulture));
        }

        return found;
    }

    [GeneratedRegex(@"curl -s localhost:8080(?<path>/api/v1/datapoints/query) -d '(?<body>[^']+)'")]
    private static partial Regex CurlQuery();

    [GeneratedRegex(@"Simulator: \d+ gateways, devices (?<first>\d+)-(?<last>\d+) ")]
    private static partial Regex SimulatedDevices();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
