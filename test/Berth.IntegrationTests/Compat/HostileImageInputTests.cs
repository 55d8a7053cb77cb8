using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Archives and clients that once took the daemon down or kept it busy for nothing.</summary>
[Collection(DaemonCollection.Name)]
public sealed class HostileImageInputTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Load_of_an_oci_index_that_names_itself_fails_and_the_daemon_still_answers()
    {
        // 2 KB: index.json names blob H as a nested index, and blob H holds the same bytes.
        string hex = new('c', 64);
        byte[] index = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:{{hex}}","size":1}]}""");
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "oci-layout") { DataStream = new MemoryStream("""{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "index.json") { DataStream = new MemoryStream(index) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "blobs/sha256/" + hex) { DataStream = new MemoryStream(index) });
        }
        string file = Path.Combine(daemon.Dir, "index-cycle.tar");
        await File.WriteAllBytesAsync(file, tar.ToArray());

        var load = await daemon.Docker("load", "-i", file);
        Assert.Equal(1, load.ExitCode);
        Assert.Contains("names itself", load.Stderr);
        Assert.Equal(0, (await daemon.Docker("version")).ExitCode);
    }

    [RequiresRootFact]
    public async Task Import_stops_extracting_when_the_client_goes_away()
    {
        int imagesBefore = await ImageCountAsync();
        byte[] bomb = GzipBomb(fileSize: 7L << 30); // 7 GiB of zeros in about 7 MiB
        string overlay = Path.Combine(daemon.DataRoot, "overlay");

        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(daemon.Socket));
            string head = $"POST /v1.44/images/create?fromSrc=-&repo=bomb&tag=latest HTTP/1.1\r\nHost: berth\r\nContent-Type: application/x-tar\r\nContent-Length: {bomb.Length}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            // Send what the daemon takes in a few seconds, then hang up, as a client killed mid-import.
            using var sending = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                for (int sent = 0; sent < bomb.Length;)
                    sent += await socket.SendAsync(bomb.AsMemory(sent, Math.Min(1 << 20, bomb.Length - sent)), sending.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await WaitForAsync(() => Directory.EnumerateDirectories(overlay, "tmp-*").Any(), TimeSpan.FromSeconds(10));
            await Task.Delay(500); // extraction under way
        }

        var gone = Stopwatch.StartNew();
        await WaitForAsync(() => !Directory.EnumerateDirectories(overlay, "tmp-*").Any(), TimeSpan.FromSeconds(10));
        Assert.True(!Directory.EnumerateDirectories(overlay, "tmp-*").Any(), "the daemon is still extracting into " + overlay);
        Assert.True(gone.Elapsed < TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        Assert.Empty(Directory.EnumerateDirectories(overlay, "tmp-*"));
        Assert.Equal(imagesBefore, await ImageCountAsync());
    }

    private async Task<int> ImageCountAsync() =>
        (await daemon.DockerOk("images", "-aq")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
            await Task.Delay(100);
    }

    /// <summary>
    /// A gzip'd tar of one file of zeros: a header member, the same 64 MiB-of-zeros member
    /// repeated (gzip members concatenate), and a trailer member. Cheap to make at any size.
    /// </summary>
    private static byte[] GzipBomb(long fileSize)
    {
        const int chunk = 64 << 20;
        byte[] zeros = Gzip(new byte[chunk]);
        using var output = new MemoryStream();
        output.Write(Gzip(UstarHeader("zeros", fileSize)));
        for (long i = 0; i < fileSize / chunk; i++)
            output.Write(zeros);
        output.Write(Gzip(new byte[1024])); // the tar's two end blocks
        return output.ToArray();
    }

    /// <summary>The 512-byte ustar header of a regular file, without its data (size below 8 GiB).</summary>
    private static byte[] UstarHeader(string name, long size)
    {
        byte[] h = new byte[512];
        void Put(int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(h, offset);
        Put(0, name);
        Put(100, "0000644\0");
        Put(108, "0000000\0");
        Put(116, "0000000\0");
        Put(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Put(136, "00000000000\0");
        Put(148, "        ");
        h[156] = (byte)'0';
        Put(257, "ustar\0");
        Put(263, "00");
        Put(148, Convert.ToString(h.Sum(b => (int)b), 8).PadLeft(6, '0') + "\0 ");
        return h;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }
}
