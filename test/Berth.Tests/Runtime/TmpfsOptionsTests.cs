using Berth.Core.Errors;
using Berth.Engine.Runtime;

namespace Berth.Tests.Runtime;

public sealed class TmpfsOptionsTests
{
    [Theory]
    [InlineData("", "noexec,nosuid,nodev,rprivate")]
    [InlineData("size=64m", "noexec,nosuid,nodev,rprivate,size=64m")]
    [InlineData("exec,mode=1777", "nosuid,nodev,rprivate,exec,mode=1777")]
    [InlineData("size=1m,size=2m,ro", "noexec,nosuid,nodev,rprivate,size=2m,ro")]
    [InlineData("shared", "noexec,nosuid,nodev,shared")]
    public void Merges_like_docker(string user, string expected) =>
        Assert.Equal(expected, string.Join(',', TmpfsOptions.Merge(user)));

    [Theory]
    [InlineData("bogus")]
    [InlineData("color=red")]
    public void Refuses_unknown_options(string user) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => TmpfsOptions.Merge(user)).Kind);
}
