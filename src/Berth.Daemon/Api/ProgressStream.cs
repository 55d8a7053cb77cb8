using System.Text.Json;
using System.Threading.Channels;
using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// Pull and push progress as the Engine API's JSON message stream. Work reports from several
/// threads (concurrent downloads); one pump writes the lines in order. The 200 goes out with
/// the first line only, as dockerd's: an error before it (manifest unknown, unauthorized)
/// is a real HTTP error, which the docker CLI prints as "Error response from daemon: ...";
/// an error after it goes in-band.
/// </summary>
internal static class ProgressStream
{
    public static async Task RunAsync(HttpResponse response, Func<IProgress<ProgressUpdate>, Task> work, CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<ProgressUpdate>(new UnboundedChannelOptions { SingleReader = false } /* Count needs the multi-reader kind */);
        bool started = false;
        var pump = Task.Run(async () =>
        {
            await foreach (var update in channel.Reader.ReadAllAsync(ct))
            {
                if (!started)
                {
                    await JsonProgress.StartAsync(response, ct);
                    started = true;
                }
                await response.WriteAsync(Line(update), ct);
                if (channel.Reader.Count == 0)
                    await response.Body.FlushAsync(ct);
            }
        }, ct);
        try
        {
            await work(new Reporter(channel.Writer));
        }
        catch
        {
            // ErrorMiddleware answers: a status before the first line, an in-band error after it.
            channel.Writer.TryComplete();
            try { await pump; } catch (OperationCanceledException) { }
            throw;
        }
        channel.Writer.TryComplete();
        await pump;
        if (!started)
            await JsonProgress.StartAsync(response, ct);
    }

    private sealed class Reporter(ChannelWriter<ProgressUpdate> writer) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => writer.TryWrite(value);
    }

    /// <summary>One message, with Docker's field order: status, progressDetail (not for a plain message), id (or aux).</summary>
    public static string Line(ProgressUpdate u)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (u.Aux is null)
                json.WriteString("status", u.Status);
            if (!u.IsMessage)
            {
                json.WriteStartObject("progressDetail");
                if (u.Current is long current)
                    json.WriteNumber("current", current);
                if (u.Total is long total && total > 0)
                    json.WriteNumber("total", total);
                json.WriteEndObject();
            }
            if (u.Aux is PushResult aux)
            {
                json.WriteStartObject("aux");
                json.WriteString("Tag", aux.Tag);
                json.WriteString("Digest", aux.Digest);
                json.WriteNumber("Size", aux.Size);
                json.WriteEndObject();
            }
            if (u.Id is not null)
                json.WriteString("id", u.Id);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\r\n";
    }
}
