using System.Globalization;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>docker's go-units: human durations ("2 minutes"), decimal sizes ("4.26MB") and binary sizes ("1.5MiB").</summary>
internal static class Units
{
    private static readonly string[] s_decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    private static readonly string[] s_binaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>go-units <c>HumanDuration</c>.</summary>
    public static string HumanDuration(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return $"{seconds} seconds";
        }

        var minutes = (long)duration.TotalMinutes;
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return $"{minutes} minutes";
        }

        // Go rounds half away from zero here (d.Round(time.Hour)).
        var hours = (long)Math.Round(duration.TotalHours, MidpointRounding.AwayFromZero);
        if (hours == 1)
        {
            return "About an hour";
        }

        if (hours < 48)
        {
            return $"{hours} hours";
        }

        if (hours < 24 * 7 * 2)
        {
            return $"{hours / 24} days";
        }

        if (hours < 24 * 30 * 2)
        {
            return $"{hours / 24 / 7} weeks";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24 / 30} months";
        }

        return $"{(long)duration.TotalHours / 24 / 365} years";
    }

    /// <summary>go-units <c>HumanSizeWithPrecision</c>: <c>%.{precision}g</c> plus a decimal unit; docker tables use 3, <c>HumanSize</c> is 4.</summary>
    public static string HumanSize(double size, int precision = 3) => CustomSize(size, precision, 1000, s_decimalUnits);

    /// <summary>go-units <c>BytesSize</c>: <c>%.4g</c> plus a binary unit, as <c>stats</c> shows memory.</summary>
    public static string BytesSize(double size) => CustomSize(size, 4, 1024, s_binaryUnits);

    private static string CustomSize(double size, int precision, double unitBase, string[] units)
    {
        var unit = 0;
        while (size >= unitBase && unit < units.Length - 1)
        {
            size /= unitBase;
            unit++;
        }

        return FormatG(size, precision) + units[unit];
    }

    /// <summary>Go's <c>%.{precision}g</c>: significant digits, trailing zeros dropped, exponent form when large.</summary>
    public static string FormatG(double value, int precision)
    {
        if (value == 0)
        {
            return "0";
        }

        var scientific = value.ToString("E" + (precision - 1), CultureInfo.InvariantCulture);
        var exponent = int.Parse(scientific[(scientific.IndexOf('E') + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            return GoValues.GoExponent(scientific);
        }

        var fixedText = value.ToString("F" + Math.Max(0, precision - 1 - exponent), CultureInfo.InvariantCulture);
        return fixedText.Contains('.') ? fixedText.TrimEnd('0').TrimEnd('.') : fixedText;
    }
}
