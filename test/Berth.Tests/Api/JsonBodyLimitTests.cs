using Berth.Daemon;
using Berth.Daemon.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Tests.Api;

/// <summary>JSON request bodies are read into memory only up to daemon.json's max-json-body-size.</summary>
public sealed class JsonBodyLimitTests
{
    private static HttpRequest Request(string body, long limit, bool announceLength)
    {
        var services = new ServiceCollection();
        var options = new DaemonOptions { MaxJsonBodySize = limit };
        services.AddSingleton(options);
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        if (announceLength)
            context.Request.ContentLength = body.Length;
        return context.Request;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked: counted as it is read
    public async Task A_body_past_the_limit_is_a_413_with_a_clear_message(bool announceLength)
    {
        var e = await Assert.ThrowsAsync<BadHttpRequestException>(() =>
            Berth.Daemon.Api.Json.ReadAsync(Request("""{"Image":"busybox","Env":["A=aaaaaaaaaaaaaaaa"]}""", 16, announceLength), CancellationToken.None));

        Assert.Equal(413, e.StatusCode);
        Assert.Equal("request body too large: a JSON body may have at most 16 bytes (max-json-body-size in daemon.json)", e.Message);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_parsed()
    {
        using var doc = await Berth.Daemon.Api.Json.ReadAsync(Request("""{"Image":"busybox"}""", 19, announceLength: true), CancellationToken.None);

        Assert.Equal("busybox", doc!.RootElement.GetProperty("Image").GetString());
    }
}
