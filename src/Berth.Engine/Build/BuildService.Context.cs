using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Engine.Archive;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>
    /// The context as a tar stream, as dockerd's <c>remotecontext.Detect</c>: the request body, or
    /// the http(s) URL in <c>remote</c>; either may be an archive (plain or compressed) or a
    /// Dockerfile alone, which becomes a context holding just it.
    /// </summary>
    private static async Task<Stream> OpenContextAsync(Stream body, string? remote, string dockerfile, CancellationToken ct)
    {
        Stream source = body;
        if (!string.IsNullOrEmpty(remote))
        {
            if (!remote.StartsWith("http://", StringComparison.Ordinal) && !remote.StartsWith("https://", StringComparison.Ordinal))
                throw new BerthException(ErrorKind.NotImplemented, $"unsupported remote context {remote}: only http(s) URLs of a tarball or a Dockerfile are supported");
            var response = await s_http.GetAsync(remote, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                throw BerthException.Invalid($"error downloading remote context {remote}: {(int)response.StatusCode} {response.ReasonPhrase}");
            source = await response.Content.ReadAsStreamAsync(ct);
        }
        byte[] head = new byte[512];
        int n = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        bool gzip = n >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        bool plainTar = n >= 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar";
        bool archive = gzip || plainTar
            || n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
            || n >= 4 && head[0] == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
            || n >= 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar"
            || n == 0;
        var rest = new PrefixedStream(head.AsMemory(0, n), source);
        if (gzip)
            return new TarTailStream(new System.IO.Compression.GZipStream(rest, System.IO.Compression.CompressionMode.Decompress));
        if (plainTar)
            return new TarTailStream(rest);
        if (archive)
            return rest;
        // A Dockerfile alone: wrap it as the only file of a context.
        var text = new MemoryStream();
        await rest.CopyToAsync(text, ct);
        text.Position = 0;
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, string.IsNullOrEmpty(dockerfile) ? "Dockerfile" : dockerfile)
            {
                DataStream = text, Mode = (UnixFileMode)0b110_100_100, ModificationTime = DateTimeOffset.UnixEpoch,
            };
            await writer.WriteEntryAsync(entry, ct);
        }
        tar.Position = 0;
        return tar;
    }
}
