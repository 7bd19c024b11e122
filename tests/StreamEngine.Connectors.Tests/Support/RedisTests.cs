namespace StreamEngine.Connectors.Tests.Support;

/// <summary>The collection of tests that share one <see cref="RedisFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisTests : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
