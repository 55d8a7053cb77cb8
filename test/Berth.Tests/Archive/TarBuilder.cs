using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Berth.Tests.Archive;

/// <summary>Small tars built in memory for archive tests.</summary>
internal static class TarBuilder
{
    public static MemoryStream Tar(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
            foreach (var e in entries)
                tar.WriteEntry(e);
        buffer.Position = 0;
        return buffer;
    }

    public static MemoryStream Gzip(MemoryStream tar)
    {
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            tar.CopyTo(z);
        tar.Position = 0;
        gz.Position = 0;
        return gz;
    }

    public static PaxTarEntry File(string name, string text, int uid = 0, int mode = 0x1a4, IDictionary<string, string>? pax = null) =>
        new(TarEntryType.RegularFile, name, pax ?? new Dictionary<string, string>())
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)), Uid = uid, Gid = uid, Mode = (UnixFileMode)mode,
            ModificationTime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

    public static PaxTarEntry Dir(string name, int mode = 0x1ed) => new(TarEntryType.Directory, name)
    {
        Mode = (UnixFileMode)mode, ModificationTime = new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero),
    };

    public static PaxTarEntry Symlink(string name, string target) => new(TarEntryType.SymbolicLink, name)
    {
        LinkName = target, ModificationTime = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static PaxTarEntry HardLink(string name, string target) => new(TarEntryType.HardLink, name) { LinkName = target };

    public static string Sha256(MemoryStream stream) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream.ToArray()));
}
