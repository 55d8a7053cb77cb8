using System.Globalization;

namespace Berth.Core.Units;

/// <summary>go-units <c>RAMInBytes</c>: "512m", "1g", "1.5GiB", "1024" (binary multiples, case-insensitive).</summary>
public static class ByteSize
{
    public static long Parse(string text)
    {
        var separator = text.LastIndexOfAny("01234567890. ".ToCharArray());
        if (separator == -1)
        {
            throw new FormatException($"invalid size: '{text}'");
        }

        var number = text[separator] == ' ' ? text[..separator] : text[..(separator + 1)];
        var suffix = text[(separator + 1)..].ToLowerInvariant();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"strconv.ParseFloat: parsing \"{number}\": invalid syntax");
        }

        if (size < 0)
        {
            throw new FormatException($"invalid size: '{text}'");
        }

        if (suffix.Length == 0 || suffix == "b")
        {
            return (long)size;
        }

        long? multiplier = suffix[0] switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            'p' => 1L << 50,
            _ => null,
        };
        var validTail = suffix.Length switch
        {
            1 => true,
            2 => suffix[1] == 'b',
            3 => suffix[1..] == "ib",
            _ => false,
        };
        if (multiplier is not { } factor || !validTail)
        {
            throw new FormatException($"invalid suffix: '{suffix}'");
        }

        return (long)(size * factor);
    }
}
