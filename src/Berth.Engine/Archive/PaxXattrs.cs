using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// Extended attributes in PAX records: <c>SCHILY.xattr.&lt;name&gt;</c> (GNU tar, Go, Docker),
/// and libarchive's <c>LIBARCHIVE.xattr.&lt;url-encoded name&gt;</c> whose base64 value is
/// binary-safe. System.Formats.Tar decodes record values as UTF-8, so a SCHILY value that is
/// not valid UTF-8 cannot be recovered: it is refused rather than written corrupted.
/// </summary>
internal static class PaxXattrs
{
    private const string Schily = "SCHILY.xattr.";
    private const string Libarchive = "LIBARCHIVE.xattr.";

    public static Dictionary<string, byte[]> Read(TarEntry entry)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (entry is not PaxTarEntry pax)
            return result;
        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            if (key.StartsWith(Libarchive, StringComparison.Ordinal))
                result[Uri.UnescapeDataString(key[Libarchive.Length..])] = Convert.FromBase64String(value);
        }
        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            string name = key.StartsWith(Schily, StringComparison.Ordinal) ? key[Schily.Length..] : "";
            if (name.Length == 0 || result.ContainsKey(name))
                continue;
            if (value.Contains('\uFFFD'))
                throw BerthException.Invalid($"unsupported xattr in archive: {entry.Name}: the value of {name} is binary");
            result[name] = Encoding.UTF8.GetBytes(value);
        }
        return result;
    }

    /// <summary>PAX records for <paramref name="xattrs"/>; binary values that UTF-8 cannot carry are refused.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Write(string entryName, IReadOnlyDictionary<string, byte[]> xattrs)
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var (name, value) in xattrs)
        {
            string text;
            try { text = strict.GetString(value); }
            catch (DecoderFallbackException)
            {
                throw BerthException.Invalid($"cannot archive {entryName}: the value of xattr {name} is binary");
            }
            yield return new(Schily + name, text);
        }
    }
}
