using System.Globalization;

namespace Berth.Cli.Containers;

/// <summary>go-units <c>RAMInBytes</c>: "512m", "1g", "1024" (binary multiples, case-insensitive, optional "b").</summary>
internal static class ByteSize
{
    public static long Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value.EndsWith('b') && value.Length > 1 && !char.IsDigit(value[^2]))
        {
            value = value[..^1];
        }

        long multiplier = 1;
        if (value.Length > 0 && char.IsLetter(value[^1]))
        {
            multiplier = value[^1] switch
            {
                'b' => 1,
                'k' => 1L << 10,
                'm' => 1L << 20,
                'g' => 1L << 30,
                't' => 1L << 40,
                'p' => 1L << 50,
                _ => throw new FormatException($"invalid size: '{text}'"),
            };
            value = value[..^1];
        }

        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            throw new FormatException($"invalid size: '{text}'");
        }

        return (long)(number * multiplier);
    }
}
