using Berth.Core.Errors;
using Berth.Engine.Runtime;

namespace Berth.Tests.Runtime;

public sealed class SeccompProfileTests
{
    private static IEnumerable<string> Refused(System.Text.Json.Nodes.JsonObject profile) =>
        profile["syscalls"]!.AsArray().SelectMany(r => r!["names"]!.AsArray().Select(n => n!.GetValue<string>()));

    [Fact]
    public void The_default_profile_refuses_what_docker_refuses_for_default_capabilities()
    {
        var profile = SeccompProfile.For(null, privileged: false, DefaultSecurity.Capabilities)!;
        var refused = Refused(profile).ToHashSet();
        foreach (string call in new[] { "mount", "unshare", "setns", "ptrace", "reboot", "init_module", "kexec_load", "bpf", "keyctl", "clock_settime", "userfaultfd", "clone3" })
            Assert.Contains(call, refused);
        Assert.DoesNotContain("read", refused);
        Assert.Equal("SCMP_ACT_ALLOW", profile["defaultAction"]!.GetValue<string>());
    }

    [Fact]
    public void A_granted_capability_lifts_the_rules_it_governs()
    {
        var refused = Refused(SeccompProfile.For(null, false, [.. DefaultSecurity.Capabilities, "CAP_SYS_ADMIN", "CAP_SYS_PTRACE"])!).ToHashSet();
        Assert.DoesNotContain("mount", refused);
        Assert.DoesNotContain("ptrace", refused);
        Assert.Contains("reboot", refused);
    }

    [Fact]
    public void Unconfined_and_privileged_have_no_filter()
    {
        Assert.Null(SeccompProfile.For(["seccomp=unconfined"], false, DefaultSecurity.Capabilities));
        Assert.Null(SeccompProfile.For(null, true, DefaultSecurity.Capabilities));
    }

    [Fact]
    public void A_user_profile_in_dockers_format_is_converted()
    {
        string profile = """{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}""";
        var oci = SeccompProfile.For(["seccomp=" + profile], false, DefaultSecurity.Capabilities)!;
        Assert.Equal("SCMP_ACT_ERRNO", oci["defaultAction"]!.GetValue<string>());
        Assert.Equal(["read", "write"], Refused(oci));
        Assert.Throws<BerthException>(() => SeccompProfile.For(["seccomp={bad"], false, DefaultSecurity.Capabilities));
    }
}
