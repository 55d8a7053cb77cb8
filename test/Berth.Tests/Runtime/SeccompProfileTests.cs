using Berth.Core.Errors;
using Berth.Engine.Runtime;

namespace Berth.Tests.Runtime;

public sealed class SeccompProfileTests
{
    private static IEnumerable<string> Named(System.Text.Json.Nodes.JsonObject profile) =>
        profile["syscalls"]!.AsArray().SelectMany(r => r!["names"]!.AsArray().Select(n => n!.GetValue<string>()));

    /// <summary>The calls allowed whatever their arguments.</summary>
    private static HashSet<string> Allowed(System.Text.Json.Nodes.JsonObject profile) =>
        profile["syscalls"]!.AsArray()
            .Where(r => r!["action"]!.GetValue<string>() == "SCMP_ACT_ALLOW" && r["args"] is null)
            .SelectMany(r => r!["names"]!.AsArray().Select(n => n!.GetValue<string>())).ToHashSet();

    [Fact]
    public void The_converted_default_profile_is_a_fresh_tree_per_container_and_follows_the_capabilities()
    {
        var first = SeccompProfile.For(null, false, DefaultSecurity.Capabilities)!;
        string expected = first.ToJsonString();
        first["syscalls"]!.AsArray().Clear();
        var second = SeccompProfile.For(null, false, DefaultSecurity.Capabilities)!;
        Assert.Equal(expected, second.ToJsonString());
        Assert.Null(second.Parent);
        var withAdmin = Allowed(SeccompProfile.For(null, false, [.. DefaultSecurity.Capabilities, "CAP_SYS_ADMIN"])!);
        Assert.Contains("mount", withAdmin);
        Assert.DoesNotContain("mount", Allowed(SeccompProfile.For(null, false, DefaultSecurity.Capabilities)!));
    }

    [Fact]
    public void The_default_profile_allows_only_what_docker_allows_for_default_capabilities()
    {
        var profile = SeccompProfile.For(null, privileged: false, DefaultSecurity.Capabilities)!;
        var allowed = Allowed(profile);
        foreach (string call in new[] { "mount", "unshare", "setns", "reboot", "init_module", "kexec_load", "bpf", "keyctl", "clock_settime",
            "userfaultfd", "io_uring_setup", "kcmp", "clone", "clone3", "personality", "socket" })
            Assert.DoesNotContain(call, allowed);
        foreach (string call in new[] { "read", "openat", "execve", "ptrace", "statx", "close_range", "fork", "chroot" })
            Assert.Contains(call, allowed);
        Assert.Equal("SCMP_ACT_ERRNO", profile["defaultAction"]!.GetValue<string>());
        Assert.Equal(1, profile["defaultErrnoRet"]!.GetValue<int>());
        var clone = profile["syscalls"]!.AsArray().Single(r => r!["names"]![0]!.GetValue<string>() == "clone" && r["args"] is not null)!;
        Assert.Equal(0x7E020000L, clone["args"]![0]!["value"]!.GetValue<long>());
        var clone3 = profile["syscalls"]!.AsArray().Single(r => r!["names"]![0]!.GetValue<string>() == "clone3")!;
        Assert.Equal(38, clone3["errnoRet"]!.GetValue<int>());
    }

    /// <summary>
    /// runc adds the names in this order, and libseccomp adds them with the least work in
    /// descending number order: the same filter for 1-2 ms less of runc's CPU per start.
    /// </summary>
    [Fact]
    public void The_default_profile_lists_its_calls_by_descending_i386_number()
    {
        const string header = "/usr/include/x86_64-linux-gnu/asm/unistd_32.h";
        if (!File.Exists(header))
            return; // the numbers come from linux-libc-dev, as the profile's generator reads them
        var i386 = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(header), @"^#define __NR_(\w+)\s+(\d+)\s*$",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        var profile = SeccompProfile.For(null, privileged: false, DefaultSecurity.Capabilities)!;
        var allowList = profile["syscalls"]!.AsArray().MaxBy(r => r!["names"]!.AsArray().Count)!["names"]!.AsArray();
        var numbered = allowList.Select(n => n!.GetValue<string>()).Where(i386.ContainsKey).Select(n => i386[n]).ToList();
        Assert.True(numbered.Count > 300);
        Assert.Equal(numbered.OrderDescending(), numbered);
    }

    [Fact]
    public void A_granted_capability_allows_the_calls_it_governs()
    {
        var allowed = Allowed(SeccompProfile.For(null, false, [.. DefaultSecurity.Capabilities, "CAP_SYS_ADMIN", "CAP_SYS_PTRACE"])!);
        Assert.Contains("mount", allowed);
        Assert.Contains("clone3", allowed);
        Assert.Contains("bpf", allowed); // any one of CAP_SYS_ADMIN, CAP_BPF
        Assert.Contains("kcmp", allowed);
        Assert.DoesNotContain("reboot", allowed);
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
        Assert.Equal(["read", "write"], Named(oci));
        Assert.Throws<BerthException>(() => SeccompProfile.For(["seccomp={bad"], false, DefaultSecurity.Capabilities));
    }
}
