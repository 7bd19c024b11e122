namespace StreamEngine.Connectors.Tests.Support;

/// <summary>Tests that share the embedded cluster run one after another: some of them take brokers down.</summary>
[CollectionDefinition(Name)]
public sealed class KafkaTests : ICollectionFixture<KafkaFixture>
{
    public const string Name = "kafka";
}
