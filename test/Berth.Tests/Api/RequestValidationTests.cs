using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Daemon.Api;
using Berth.Engine.Runtime;

namespace Berth.Tests.Api;

/// <summary>Malformed request values are the client's 400s, worded where dockerd has words.</summary>
public sealed class RequestValidationTests
{
    private static BerthException Invalid(Action action)
    {
        var e = Assert.Throws<BerthException>(action);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        return e;
    }

    [Theory]
    [InlineData("[1,2]", "invalid filter: json: cannot unmarshal array into Go value of type map[string]map[string]bool")]
    [InlineData("{\"status\":[1]}", "invalid filter: json: cannot unmarshal number into Go value of type string")]
    [InlineData("{\"status\":\"x\"}", "invalid filter: json: cannot unmarshal string into Go value of type map[string]bool")]
    public void Filters_of_the_wrong_shape_are_refused(string json, string message) =>
        Assert.Equal(message, Invalid(() => FilterTerms.Parse(json, _ => true)).Message);

    [Fact]
    public void Timestamps_parse_as_seconds_or_rfc3339_and_anything_else_is_refused()
    {
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1.5), GoTime.ParseTimestamp("1.5"));
        Assert.Equal(DateTime.MaxValue, GoTime.ParseTimestamp("99999999999999999999"));
        Assert.Equal("strconv.ParseInt: parsing \"abc\": invalid syntax", Invalid(() => GoTime.ParseTimestamp("abc")).Message);
    }

    [Fact]
    public void Body_fields_of_the_wrong_type_are_refused_and_null_is_absent()
    {
        using var doc = JsonDocument.Parse("""{"Cmd":["a",1],"User":null,"Tty":"yes","Labels":{"a":[]}}""");
        var r = doc.RootElement;
        Assert.Equal("json: cannot unmarshal number into Go struct field .Cmd of type string", Invalid(() => JsonFields.Strings(r, "Cmd")).Message);
        Assert.Null(JsonFields.Text(r, "User"));
        Invalid(() => JsonFields.Bool(r, "Tty"));
        Invalid(() => JsonFields.Map(r, "Labels"));
    }

    [Fact]
    public void Body_fields_match_their_name_in_any_case_the_last_given_winning_as_gos_decoder()
    {
        using var doc = JsonDocument.Parse("""{"detachKeys":"ctrl-p","user":"a","USER":"b","Tty":true,"tty":null}""");
        var r = doc.RootElement;
        Assert.Equal("ctrl-p", JsonFields.Text(r, "DetachKeys"));
        Assert.Equal("b", JsonFields.Text(r, "User"));
        Assert.True(JsonFields.Bool(r, "Tty"));
    }

    [Theory]
    [InlineData("""{"syscalls":[{}]}""")]
    [InlineData("""{"syscalls":[{"names":["read"],"action":1}]}""")]
    [InlineData("""{"syscalls":{}}""")]
    [InlineData("""{"syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{}]}]}""")]
    [InlineData("[]")]
    public void Seccomp_profiles_that_cannot_be_applied_are_refused(string profile) =>
        Invalid(() => SeccompProfile.Validate(["seccomp=" + profile]));

    [Theory]
    [InlineData(-5L, 0L, 0L, 0L, "", "Minimum memory limit allowed is 6MB")]
    [InlineData(0L, 1L, 0L, 0L, "", "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)")]
    [InlineData(0L, 0L, 6L, 0L, "", "CPU cfs quota can not be less than 1ms (i.e. 1000)")]
    [InlineData(0L, 0L, 0L, 4294967296L, "", "invalid CPU shares (4294967296): value must be between 0 and 262144")]
    [InlineData(0L, 0L, 0L, 0L, "tcp", "Invalid value tcp for cpuset cpus")]
    [InlineData(0L, 0L, 0L, 0L, "2-1", "Invalid value 2-1 for cpuset cpus")]
    [InlineData(0L, 0L, 0L, 0L, "99", "Requested CPUs are not available - requested 99, available: 0-1")]
    public void Resources_the_kernel_would_refuse_are_refused(long memory, long period, long quota, long shares, string cpuset, string message)
    {
        var host = new HostConfig { Memory = memory, CpuPeriod = period, CpuQuota = quota, CpuShares = shares, CpusetCpus = cpuset };
        Assert.Equal(message, Invalid(() => ResourceLimits.Validate(host, hostCpus: 2)).Message);
    }

    [Fact]
    public void Ulimits_need_a_known_name_and_soft_not_above_hard()
    {
        Assert.Equal("invalid ulimit type: bogus", Invalid(() => UlimitRules.Validate([new Ulimit { Name = "bogus", Soft = 1, Hard = 1 }])).Message);
        Invalid(() => UlimitRules.Validate([new Ulimit { Name = "nofile", Soft = 2, Hard = 1 }]));
        UlimitRules.Validate([new Ulimit { Name = "nofile", Soft = 1, Hard = 2 }]);
    }

    [Fact]
    public void Device_cgroup_rules_are_moby_s_format_and_become_allow_rules()
    {
        Assert.Equal("invalid device cgroup rule format: 'c 1:3'", Invalid(() => DeviceCgroupRules.Validate(["c 1:3"])).Message);
        Invalid(() => DeviceCgroupRules.Validate(["x 1:3 r"]));
        Invalid(() => DeviceCgroupRules.Validate(["c 1:3 rwmx"]));
        var rules = DeviceCgroupRules.ToSpec(["c 42:* rm", "a *:* w"]).Select(r => r.ToJsonString()).ToList();
        Assert.Equal(["""{"allow":true,"type":"c","major":42,"access":"rm"}""", """{"allow":true,"type":"a","access":"w"}"""], rules);
    }

    [Fact]
    public void Json_null_strings_read_as_empty_ones_as_go_reads_them()
    {
        var list = JsonSerializer.Deserialize<List<string>>("""["a",null]""", Berth.Daemon.Api.Json.Options)!;
        Assert.Equal(["a", ""], list);
    }
}
