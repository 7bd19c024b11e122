using System.Text.Json;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The runtime settings the engine's executable starts with, as built.</summary>
public sealed class EngineRuntimeSpec
{
    [Fact]
    public void The_engine_starts_with_the_server_GC_told_to_conserve_memory_quarter_its_gen0_growth_and_keep_arrays_of_up_to_2_MiB_young_and_without_dynamic_PGO()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "streamengine.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(9, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
        Assert.Equal(25, properties.GetProperty("System.GC.DGen0GrowthPercent").GetInt32());
        Assert.Equal(2 * 1024 * 1024, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
