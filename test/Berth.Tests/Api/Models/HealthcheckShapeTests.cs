using Berth.Daemon.Api;
using ApiJson = Berth.Daemon.Api.Json;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Daemon.Api.Models;
using Berth.Engine.Containers;

namespace Berth.Tests.Api.Models;

/// <summary>A create body's Healthcheck as docker-py, the docker CLI and hand-written clients send it.</summary>
public sealed class HealthcheckShapeTests
{
    private static ContainerCreateRequest Parse(string body) => JsonSerializer.Deserialize(body, DaemonJson.Api.ContainerCreateRequest)!;

    [Theory]
    // docker-py's Healthcheck(test="true") with no start period.
    [InlineData("""{"Test":["CMD-SHELL","true"],"Interval":null,"Timeout":null,"Retries":null,"StartPeriod":null}""")]
    [InlineData("""{"Test":null}""")]
    [InlineData("""{"Test":["CMD","true"],"Interval":1000000000,"Retries":0,"StartPeriod":0,"StartInterval":0}""")]
    [InlineData("null")]
    public void Null_and_missing_fields_are_accepted_and_mean_the_defaults(string healthcheck)
    {
        var config = Parse($$"""{"Image":"busybox","Healthcheck":{{healthcheck}}}""").ToCore();
        var check = HealthCheck.From(config.Healthcheck);
        if (check is null)
            return;
        Assert.Equal(TimeSpan.Zero, check.StartPeriod);
        Assert.Equal(3, check.Retries);
        Assert.Equal(TimeSpan.FromSeconds(check.Interval == TimeSpan.FromSeconds(1) ? 1 : 30), check.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), check.Timeout);
    }

    [Theory]
    [InlineData("""{"Test":"true"}""", "json: cannot unmarshal string into Go struct field HealthConfig.Healthcheck.Test of type []string")]
    [InlineData("""{"Test":["CMD",1]}""", "json: cannot unmarshal number into Go struct field HealthConfig.Healthcheck.Test of type string")]
    [InlineData("""{"Test":["CMD","true"],"Interval":"30s"}""", "json: cannot unmarshal string into Go struct field HealthConfig.Healthcheck.Interval of type time.Duration")]
    [InlineData("""{"Test":["CMD","true"],"Retries":"3"}""", "json: cannot unmarshal string into Go struct field HealthConfig.Healthcheck.Retries of type int")]
    [InlineData("""{"Test":["CMD","true"],"StartPeriod":5}""", "StartPeriod in Healthcheck cannot be less than 1ms")]
    [InlineData("""{"Test":["CMD","true"],"Retries":-1}""", "Retries in Healthcheck cannot be negative")]
    public void Wrong_types_and_values_are_invalid_arguments_with_dockers_messages(string healthcheck, string message)
    {
        var e = Assert.Throws<BerthException>(() => Parse($$"""{"Image":"busybox","Healthcheck":{{healthcheck}}}""").ToCore());
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_stored_check_with_nulls_still_runs_with_the_defaults()
    {
        // Containers created before the create body was checked may hold nulls.
        var check = HealthCheck.From(JsonDocument.Parse("""{"Test":["CMD-SHELL","true"],"StartPeriod":null,"Retries":null,"Interval":null}""").RootElement);
        Assert.NotNull(check);
        Assert.Equal(["/bin/sh", "-c", "true"], check.Command);
        Assert.Equal(TimeSpan.Zero, check.StartPeriod);
    }

    [Fact]
    public void Field_names_in_any_case_are_kept_under_dockers_names_without_the_empty_ones()
    {
        // As the route reads bodies: names in any case.
        var config = JsonSerializer.Deserialize("""{"image":"busybox","healthcheck":{"test":["CMD","true"],"INTERVAL":1000000000,"retries":0,"timeout":null,"other":1}}""",
            ApiJson.ReadingInfo<ContainerCreateRequest>())!.ToCore();
        Assert.Equal("""{"Test":["CMD","true"],"Interval":1000000000}""", config.Healthcheck?.GetRawText());
        Assert.Equal(TimeSpan.FromSeconds(1), HealthCheck.From(config.Healthcheck)!.Interval);
        var e = Assert.Throws<BerthException>(() => Parse("""{"Image":"busybox","Healthcheck":{"interval":"30s"}}""").ToCore());
        Assert.Equal("json: cannot unmarshal string into Go struct field HealthConfig.Healthcheck.Interval of type time.Duration", e.Message);
    }
}
