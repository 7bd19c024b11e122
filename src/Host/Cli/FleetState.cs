using System.Text.Json;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Cli;

/// <summary>
/// What <c>simulate</c> registered, kept in its state file (<c>data/simulator.json</c>) so the next run reuses the
/// same gateways and devices: their ids and clear tokens, which the admin API shows only once.
/// </summary>
public sealed record FleetState(IReadOnlyList<SimulatedGateway> Gateways, IssuedCredentials? InactiveDevice)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static FleetState Empty { get; } = new([], null);

    /// <summary>The state in the file, or <see cref="Empty"/> when there is no file yet.</summary>
    public static FleetState Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<FleetState>(File.ReadAllText(path), Options)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new CommandFailedException(
                $"The simulator's state file {Path.GetFullPath(path)} is not what simulate writes ({e.Message}); delete it to register a new fleet.", e);
        }
    }

    /// <summary>Writes the state, creating the file's directory; the file is replaced whole, never left half written.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Options));
        File.Move(temporary, full, overwrite: true);
    }
}
