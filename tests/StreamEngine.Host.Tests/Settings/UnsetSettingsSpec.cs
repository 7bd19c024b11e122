using System.Text;
using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Settings;

namespace StreamEngine.Host.Tests.Settings;

public sealed class UnsetSettingsSpec
{
    [Fact]
    public void Engine_settings_given_as_null_or_as_an_empty_object_are_found_and_others_are_left_alone()
    {
        var configuration = Json("""
            {
              "Authentication": { "CredentialRefresh": null },
              "Thresholds": { "Cooldown": "30m", "Phones": {} },
              "Legacy": { "Url": "" },
              "Alerts": { "Silence": "1h" },
              "Rules": null,
              "Logging": { "LogLevel": { "Default": null } }
            }
            """);

        Assert.Equal(["Authentication:CredentialRefresh", "Rules", "Thresholds:Phones"], UnsetSettings.Find(configuration));
    }

    [Fact]
    public void Settings_with_values_from_several_sources_are_not_unset()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Alerts:Silence"] = "1h", ["Kafka:Topics:Readings"] = "readings" })
            .AddCommandLine(["--Redis:Configuration=localhost:6379"])
            .Build();

        Assert.Empty(UnsetSettings.Find(configuration));
    }

    [Fact]
    public void The_message_names_each_key_and_says_what_to_do()
    {
        Assert.Equal(
            "the setting Alerts:Silence has no value (null in a JSON file, or an empty object), which would set it to zero or empty instead of its default. Remove the key to keep the default, or give it a value.",
            UnsetSettings.Describe(["Alerts:Silence"]));
        Assert.Equal(
            "the settings Alerts:Silence, Authentication:CredentialRefresh have no value (null in a JSON file, or an empty object), which would set them to zero or empty instead of their defaults. Remove the keys to keep the defaults, or give them values.",
            UnsetSettings.Describe(["Alerts:Silence", "Authentication:CredentialRefresh"]));
    }

    private static IConfigurationRoot Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
