using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

public sealed partial class ThirdPartyClientsSpec
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_report_kcat_publishes_comes_out_as_a_reading_kcat_reads_and_a_raw_row_sqlite3_shows()
    {
        var port = FreePorts.Consecutive(3);
        var database = Path.Combine(Path.GetTempPath(), $"third-party-{Guid.NewGuid():N}.db");
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={database}", "--Admin:Password=s3cret-admin");
        await engine.WaitForOutput("Application started", Patience);
        var api = new Uri(ListeningOn().Match(engine.Output).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = api };

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret-admin")));
        var token = (await (await http.PostAsync("/api/v1/admin/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var gateway = await (await http.PostAsync("/api/v1/admin/gateways", null)).Content.ReadFromJsonAsync<JsonElement>();
        var device = await (await http.PostAsync("/api/v1/admin/devices", null)).Content.ReadFromJsonAsync<JsonElement>();
        var deviceId = device.GetProperty("id").GetInt64();
        (await http.PutAsJsonAsync($"/api/v1/admin/devices/{deviceId}/state", new { state = true })).EnsureSuccessStatusCode();

        var broker = $"127.0.0.1:{port}";
        var report = JsonSerializer.Serialize(new
        {
            gateway = new { id = gateway.GetProperty("id").GetInt64(), auth = gateway.GetProperty("auth").GetString() },
            device = new { id = deviceId, auth = device.GetProperty("auth").GetString() },
            reading = new { temp = 4.5, time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), batt = 75 },
        });
        await Kcat.Run($"{gateway.GetProperty("id").GetInt64()}:{report}\n", "-b", broker, "-P", "-t", "reports", "-K:");

        var reading = await Eventually.Value(
            async () => (await Kcat.Run("", "-b", broker, "-C", "-t", "readings", "-o", "beginning", "-e", "-q")).Trim(),
            value => value.Length > 0,
            "a reading on 'readings'",
            Patience);
        Assert.Equal(deviceId, JsonDocument.Parse(reading).RootElement.GetProperty("deviceId").GetInt64());
        var rows = await Eventually.Value(
            async () => (await Sqlite3(database, $"SELECT count(*) FROM raw WHERE device_id = {deviceId};")).Trim(),
            count => count == "1",
            "the reading's row in the raw table",
            Patience);
        Assert.Equal("1", rows);

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }
    }

    private static async Task<string> Sqlite3(string database, string query)
    {
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(database);
        info.ArgumentList.Add(query);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("sqlite3 is not installed: install it with 'apt-get install sqlite3' (the README's test command does).", e);
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : "";
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
