namespace StreamEngine.EndToEnd.Tests;

public sealed class EngineKafkaSpec
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kcat_writes_to_and_reads_from_the_embedded_cluster_of_a_running_engine_which_stops_cleanly_on_ctrl_c()
    {
        var port = FreePorts.Consecutive(3);
        var database = Path.Combine(Path.GetTempPath(), $"engine-{Guid.NewGuid():N}.db");
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={database}");
        await engine.WaitForOutput("Application started", Patience);
        Assert.Contains($"127.0.0.1:{port},127.0.0.1:{port + 1},127.0.0.1:{port + 2}", engine.Output, StringComparison.Ordinal);

        var broker = $"127.0.0.1:{port}";
        var reports = new[]
        {
            """7:{"gateway":{"id":7,"auth":"x"},"device":{"id":123,"auth":789},"reading":{"temp":4.5,"time":1732291200,"batt":75}}""",
            """8:{"gateway":{"id":8,"auth":"y"},"device":{"id":124,"auth":790},"reading":{"temp":5.5,"time":1732291201,"batt":74}}""",
        };
        await Kcat.Run(string.Join('\n', reports) + "\n", "-b", broker, "-P", "-t", "reports", "-K:");

        var metadata = await Kcat.Run("", "-b", broker, "-L");
        foreach (var topic in new[] { "reports", "readings", "alerts", "deadletters" })
        {
            Assert.Contains($"topic \"{topic}\" with 6 partitions", metadata, StringComparison.Ordinal);
        }

        var read = await Kcat.Run("", "-b", broker, "-C", "-t", "reports", "-o", "beginning", "-e", "-q", "-f", "%k:%s\\n");
        Assert.Equal(reports.Order(), read.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }
    }
}
