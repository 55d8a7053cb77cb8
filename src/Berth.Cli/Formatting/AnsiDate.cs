using System.Globalization;

namespace Berth.Cli.Formatting;

/// <summary>docker's <c>reformatDate</c>: RFC 3339 build times shown in Go's ANSIC layout ("Mon Jan _2 15:04:05 2006").</summary>
internal static class AnsiDate
{
    public static string Format(DateTimeOffset time)
        => time.ToString("ddd MMM ", CultureInfo.InvariantCulture) + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + time.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    public static string Reformat(string text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? Format(time) : text;
}
