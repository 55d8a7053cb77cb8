using Berth.Core.Containers;
using Berth.Engine.Containers;

namespace Berth.Tests.Containers;

/// <summary>Config.Env at create and a process's environment at start and exec, in dockerd 20.10's order.</summary>
public sealed class EnvironmentTests
{
    private static readonly string[] s_image = ["PATH=/opt/bin:/usr/bin:/bin", "A=img_a", "B=img_b"];

    [Fact]
    public void The_clients_variables_come_first_then_the_images_not_overridden()
    {
        Assert.Equal(["B=user_b", "C=user_c", "HOME=/h", "PATH=/opt/bin:/usr/bin:/bin", "A=img_a"],
            EnvironmentList.WithImageDefaults(["B=user_b", "C=user_c", "HOME=/h"], s_image));
        Assert.Equal(["B", "PATH=/opt/bin:/usr/bin:/bin", "A=img_a"], EnvironmentList.WithImageDefaults(["B"], s_image));
        Assert.Equal(s_image, EnvironmentList.WithImageDefaults([], s_image));
    }

    [Fact]
    public void Overrides_take_the_place_of_the_defaults_and_a_bare_name_unsets()
    {
        Assert.Equal(["PATH=/bin", "HOSTNAME=h", "A=ea", "Z=z"],
            EnvironmentList.ReplaceOrAppend(["PATH=/usr/bin", "HOSTNAME=h", "B=b", "A=a"], ["A=ea", "Z=z", "PATH=/bin", "B", "Y"]));
    }

    private static Container With(params string[] env) => new()
    {
        Id = new string('c', 64), Name = "e", Created = DateTime.UnixEpoch, ImageId = "sha256:" + new string('b', 64),
        Config = new ContainerConfig { Hostname = "hx", Env = env }, HostConfig = new HostConfig(), Path = "sh", Args = [],
    };

    [Fact]
    public void A_process_gets_path_hostname_and_term_first_then_the_containers_variables()
    {
        var c = With(EnvironmentList.WithImageDefaults(["B=user_b", "C=user_c", "TERM=x"], s_image).ToArray());
        Assert.Equal(["PATH=/opt/bin:/usr/bin:/bin", "HOSTNAME=hx", "B=user_b", "C=user_c", "TERM=x", "A=img_a"],
            ContainerService.ProcessEnvironment(c, tty: false, []));
        Assert.Equal(["PATH=/opt/bin:/usr/bin:/bin", "HOSTNAME=hx", "TERM=x", "B=user_b", "C=user_c", "A=img_a"],
            ContainerService.ProcessEnvironment(c, tty: true, []));
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=zz", "TERM=xterm", "A="],
            ContainerService.ProcessEnvironment(With("B", "A=", "HOSTNAME=zz"), tty: true, []));
    }
}
