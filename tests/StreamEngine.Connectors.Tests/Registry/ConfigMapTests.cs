using System.Text.Json;
using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

public sealed class ConfigMapTests
{
    private const string Fridge = """{"name":"Freezer 2","phone":"+351912345678","maxTemperature":"8"}""";

    [Fact]
    public void A_stored_map_reads_back_with_every_key_in_its_order()
    {
        var map = ConfigMap.Parse(Fridge);

        Assert.Equal(3, map.Count);
        Assert.Equal(["name", "phone", "maxTemperature"], map.Keys);
        Assert.Equal(["Freezer 2", "+351912345678", "8"], map.Values);
        Assert.Equal(
            [new("name", "Freezer 2"), new("phone", "+351912345678"), new KeyValuePair<string, string>("maxTemperature", "8")],
            map);
        Assert.Equal("+351912345678", map["phone"]);
        Assert.True(map.TryGetValue("maxTemperature", out var max));
        Assert.Equal("8", max);
    }

    [Fact]
    public void A_missing_key_is_not_found_and_keys_are_case_sensitive()
    {
        var map = ConfigMap.Parse(Fridge);

        Assert.False(map.ContainsKey("Name"));
        Assert.False(map.TryGetValue("owner", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => map["owner"]);
        Assert.Contains("'owner'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    public void No_config_is_the_empty_map(string? json)
    {
        Assert.Empty(ConfigMap.Parse(json));
        Assert.Same(ConfigMap.Empty, ConfigMap.Parse(json));
    }

    [Fact]
    public void A_key_given_twice_keeps_its_last_value()
    {
        var map = ConfigMap.Parse("""{"minBattery":"20","name":"A","minBattery":"30"}""");

        Assert.Equal(2, map.Count);
        Assert.Equal("30", map["minBattery"]);
    }

    [Fact]
    public void Maps_of_many_devices_share_their_keys_and_short_values_but_not_their_names()
    {
        var first = ConfigMap.Parse("""{"name":"Freezer 12","minTemperature":"0"}""");
        var second = ConfigMap.Parse("""{"name":"Freezer 12","minTemperature":"0"}""");

        Assert.Same(first.Keys.Last(), second.Keys.Last());
        Assert.Same(first["minTemperature"], second["minTemperature"]);
        Assert.NotSame(first["name"], second["name"]);
    }

    [Theory]
    [InlineData("[]", "found StartArray")]
    [InlineData("""{"maxTemperature":8}""", "'maxTemperature' must have a string value; found Number")]
    [InlineData("""{"name":null}""", "'name' must have a string value; found Null")]
    [InlineData("{\"name\":\"A\"", "")]
    public void A_damaged_stored_map_is_an_error_that_says_what_is_wrong(string json, string says)
    {
        var error = Assert.ThrowsAny<JsonException>(() => ConfigMap.Parse(json));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }
}
