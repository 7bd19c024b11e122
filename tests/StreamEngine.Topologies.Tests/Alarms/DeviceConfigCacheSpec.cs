using StreamEngine.Testing;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Alarms;

public sealed class DeviceConfigCacheSpec
{
    private readonly MemoryRegistry _registry = new();

    [Fact]
    public async Task A_change_feed_not_reachable_at_start_is_subscribed_once_it_is_and_the_devices_known_meanwhile_are_reloaded()
    {
        _registry.Set(1, Limit("10"));
        var changes = new UnreachableChanges(failures: 2);

        await using var cache = await DeviceConfigCache.Start(_registry.FindDevice, changes, TimeSpan.FromHours(1), 20);
        Assert.Equal(10, (await cache.Get(1))!.MaxTemperature);

        // Changed while the feed was down: its notice is lost, so the cache reloads what it knows once subscribed.
        _registry.Set(1, Limit("8"));
        await Eventually.True(() => changes.Subscribed, "the cache subscribed once the feed was reachable");
        await Eventually.True(() => cache.Get(1).AsTask().Result!.MaxTemperature == 8, "device 1 reloaded after the late subscription");

        _registry.Set(1, Limit("6"));
        await changes.Publish(1);
        await Eventually.True(() => cache.Get(1).AsTask().Result!.MaxTemperature == 6, "device 1 reloaded on its change notice");
    }

    private static Dictionary<string, string> Limit(string max) => new() { ["maxTemperature"] = max };
}
