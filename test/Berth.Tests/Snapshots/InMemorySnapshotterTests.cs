using Berth.Core.Snapshots;
using Berth.Tests.Fakes;

namespace Berth.Tests.Snapshots;

/// <summary>The fake the service tests use keeps the same contract as the real snapshotter.</summary>
public sealed class InMemorySnapshotterTests : SnapshotterContract
{
    private protected override ISnapshotter Create(string root) => new InMemorySnapshotter(root);
}
