using System.Globalization;
using System.Text;

namespace Berth.Cli.Templates;

/// <summary>The template <c>printf</c>: Go's verbs %v %s %d %q %f %x %t with flags '-', '0', '+', width and precision.</summary>
internal static class GoPrintf
{
    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                builder.Append(format[i]);
                continue;
            }

            var leftAlign = false;
            var zeroPad = false;
            var plus = false;
            i++;
            for (; i < format.Length && format[i] is '-' or '0' or '+' or ' ' or '#'; i++)
            {
                leftAlign |= format[i] == '-';
                zeroPad |= format[i] == '0';
                plus |= format[i] == '+';
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                builder.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                builder.Append('%');
                continue;
            }

            if (next >= args.Count)
            {
                builder.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var text = FormatOne(verb, GoValues.Normalize(args[next++]), precision, plus);
            if (width is { } w && text.Length < w)
            {
                text = leftAlign ? text.PadRight(w) : zeroPad && verb is 'd' or 'f' ? text.PadLeft(w, '0') : text.PadLeft(w);
            }

            builder.Append(text);
        }

        return builder.ToString();
    }

    private static string FormatOne(char verb, object? value, int? precision, bool plus)
    {
        switch (verb)
        {
            case 'd' when value is long l:
                return (plus && l >= 0 ? "+" : string.Empty) + l.ToString(CultureInfo.InvariantCulture);
            case 'f' or 'F' when value is long or double:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture);
            case 'x' when value is long l:
                return l.ToString("x", CultureInfo.InvariantCulture);
            case 'x' when value is string s:
                return Convert.ToHexString(Encoding.UTF8.GetBytes(s)).ToLowerInvariant();
            case 'q' when value is string s:
                return GoJson.Serialize(s);
            case 't' when value is bool b:
                return b ? "true" : "false";
            case 's' or 'v' or 'q' or 'd' or 'f' or 'x' or 't':
                var text = GoValues.Print(value);
                if (verb is 'd' or 'f' or 'x' or 't' && value is not (long or double or bool))
                {
                    return $"%!{verb}({TypeName(value)}={text})";
                }

                return precision is { } p && verb == 's' && text.Length > p ? text[..p] : text;
            default:
                return $"%!{verb}({TypeName(value)}={GoValues.Print(value)})";
        }
    }

    private static string TypeName(object? value) => value switch
    {
        string => "string",
        long => "int",
        double => "float64",
        bool => "bool",
        null => "<nil>",
        _ => "interface {}",
    };

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }
}
