using System.Globalization;
using System.Text;

namespace Berth.Engine.Logs;

/// <summary>
/// The log format conmon writes (<c>k8s-file</c>), one record per line:
/// <c>2026-11-22T11:14:16.829539629+00:00 stdout F the text</c> — F for a full line,
/// P for a part of a longer one whose remainder follows.
/// </summary>
public static class K8sLogFormat
{
    public static bool TryParse(ReadOnlySpan<byte> line, out LogEntry entry)
    {
        entry = default;
        int a = line.IndexOf((byte)' ');
        if (a <= 0) return false;
        int b = line[(a + 1)..].IndexOf((byte)' ');
        if (b <= 0) return false;
        b += a + 1;
        if (line.Length < b + 2) return false;
        string timeText = Encoding.ASCII.GetString(line[..a]);
        var stream = line[(a + 1)..b].SequenceEqual("stderr"u8) ? LogStream.Stderr : LogStream.Stdout;
        bool partial = line[b + 1] == (byte)'P';
        var content = line.Length > b + 3 ? line[(b + 3)..].ToArray() : [];
        if (!DateTime.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return false;
        entry = new LogEntry(time, ToDockerTime(timeText), stream, partial, content);
        return true;
    }

    /// <summary>Docker prints RFC 3339 with nanoseconds in UTC: <c>2026-11-22T11:14:16.829539629Z</c>.</summary>
    private static string ToDockerTime(string text)
    {
        int plus = text.LastIndexOfAny(['+', '-']);
        return plus > 19 && text.EndsWith("00:00", StringComparison.Ordinal) ? text[..plus] + "Z" : text;
    }
}
