namespace Berth.IntegrationTests.Harness;

/// <summary><see cref="RequiresRootFactAttribute"/>'s guard for a theory: one case per data row.</summary>
public sealed class RequiresRootTheoryAttribute : TheoryAttribute
{
    public RequiresRootTheoryAttribute() => Skip = RequiresRootFactAttribute.SkipReason();
}
