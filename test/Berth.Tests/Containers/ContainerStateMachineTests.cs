using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Tests.Containers;

public sealed class ContainerStateMachineTests
{
    [Theory]
    [InlineData(ContainerStatus.Created, ContainerStatus.Running)]
    [InlineData(ContainerStatus.Running, ContainerStatus.Exited)]
    [InlineData(ContainerStatus.Exited, ContainerStatus.Running)]
    [InlineData(ContainerStatus.Exited, ContainerStatus.Removing)]
    [InlineData(ContainerStatus.Running, ContainerStatus.Running)]
    public void Allowed_moves(ContainerStatus from, ContainerStatus to) => Assert.True(ContainerStateMachine.CanMove(from, to));

    [Theory]
    [InlineData(ContainerStatus.Removing, ContainerStatus.Running)]
    [InlineData(ContainerStatus.Dead, ContainerStatus.Running)]
    [InlineData(ContainerStatus.Created, ContainerStatus.Paused)]
    public void Refused_moves_are_conflicts(ContainerStatus from, ContainerStatus to)
    {
        Assert.False(ContainerStateMachine.CanMove(from, to));
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<BerthException>(() => ContainerStateMachine.EnsureCanMove(from, to)).Kind);
    }
}
