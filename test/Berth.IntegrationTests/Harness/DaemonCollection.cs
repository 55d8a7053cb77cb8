namespace Berth.IntegrationTests.Harness;

/// <summary>Tests in this collection share one daemon and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DaemonCollection : ICollectionFixture<DaemonFixture>
{
    public const string Name = "daemon";
}
