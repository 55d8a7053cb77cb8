namespace Berth.Core.Containers;

/// <summary>
/// Docker's detach key sequence, as <c>--detach-keys</c>, the attach API's <c>detachKeys</c>
/// and exec's <c>DetachKeys</c> spell it: comma-separated keys, each a single character,
/// <c>ctrl-X</c> for X one of <c>@ a..z [ \ ] ^ _</c>, or <c>DEL</c>. Case matters
/// (<c>ctrl-P</c> is refused), as in moby/term's <c>ToBytes</c>.
/// </summary>
public static class DetachKeys
{
    /// <summary>The <c>ctrl-X</c> names in the order of their codes, 0x00 to 0x1f.</summary>
    private const string ControlNames = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    /// <summary>Ctrl-p Ctrl-q, used when no sequence is given.</summary>
    public static ReadOnlyMemory<byte> Default { get; } = new byte[] { 0x10, 0x11 };

    /// <summary>The bytes <paramref name="text"/> stands for; false for a key Docker does not know.</summary>
    public static bool TryParse(string text, out byte[] keys)
    {
        var codes = new List<byte>();
        foreach (string key in text.Split(','))
        {
            int control = key.Length == 6 && key.StartsWith("ctrl-", StringComparison.Ordinal) ? ControlNames.IndexOf(key[5]) : -1;
            if (key.Length == 1 && key[0] < 0x80)
                codes.Add((byte)key[0]);
            else if (control >= 0)
                codes.Add((byte)control);
            else if (key == "DEL")
                codes.Add(0x7f);
            else
            {
                keys = [];
                return false;
            }
        }
        keys = [.. codes];
        return true;
    }
}
