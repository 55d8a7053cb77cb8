using System.Net;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>
/// The held addresses of one network, kept on disk as the CNI host-local plugin keeps them,
/// so that what it held before berthd handed out addresses itself (a berthd upgraded while
/// containers ran) is held here too, and the other way round:
/// <code>
///   &lt;dir&gt;/172.30.0.2              "&lt;container ID&gt;\r\neth0"   one file per held address, created exclusively
///   &lt;dir&gt;/last_reserved_ip.0       "172.30.0.2"                 per range set: where the next search starts
/// </code>
/// A file is made whole or not at all as far as a crash of berthd goes (a kill -9 between
/// create and write leaves an empty one, whose holder is nobody and which the restart's sweep
/// releases). Addresses are handed out round-robin from the last one, as host-local does, so
/// an address just released is not reused at once (stale ARP entries, conntrack).
/// </summary>
public sealed class AddressBook(string directory)
{
    private const string LastPrefix = "last_reserved_ip.";
    private readonly Lock _lock = new();
    private bool _created;

    public string Directory { get; } = directory;

    /// <summary>
    /// Holds an address of <paramref name="range"/> (range set number <paramref name="rangeIndex"/>)
    /// for a container's interface: <paramref name="requested"/> if given (any of the subnet's but
    /// the gateway and the reserved ones), else the next free one after the last handed out. Null
    /// when every address is held.
    /// </summary>
    public IPAddress? Allocate(AddressRange range, int rangeIndex, string id, string ifName, IPAddress? requested = null)
    {
        var family = range.Subnet.BaseAddress.AddressFamily;
        byte[] holder = Encoding.UTF8.GetBytes(id + "\r\n" + ifName);
        lock (_lock)
        {
            if (!_created)
            {
                System.IO.Directory.CreateDirectory(Directory);
                _created = true;
            }
            if (requested is not null)
            {
                var whole = range with { Range = null };
                UInt128 asked = AddressMath.ToNumber(requested);
                if (requested.Equals(range.Gateway) || !whole.Pieces().Any(p => asked >= p.First && asked <= p.Last))
                    throw BerthException.Invalid($"Invalid address {requested}: It does not belong to any of this network's subnets");
                return TryHold(requested, holder) ? Remember(rangeIndex, requested) : throw BerthException.Forbidden("Address already in use");
            }
            var pieces = range.Pieces();
            if (pieces.Count == 0)
                return null;
            UInt128 gateway = AddressMath.ToNumber(range.Gateway);
            var (piece, candidate) = After(pieces, LastHandedOut(rangeIndex, family));
            var (startPiece, start) = (piece, candidate);
            do
            {
                if (candidate != gateway)
                {
                    var address = AddressMath.FromNumber(candidate, family);
                    if (TryHold(address, holder))
                        return Remember(rangeIndex, address);
                }
                (piece, candidate) = Next(pieces, piece, candidate);
            }
            while (piece != startPiece || candidate != start);
            return null;
        }
    }

    /// <summary>Releases an address if <paramref name="id"/>'s interface holds it; false if not.</summary>
    public bool Release(IPAddress address, string id, string ifName)
    {
        string path = Path.Combine(Directory, address.ToString());
        lock (_lock)
        {
            if (!File.Exists(path) || !HeldBy(File.ReadAllText(path), id, ifName))
                return false;
            File.Delete(path);
            return true;
        }
    }

    /// <summary>Releases whatever <paramref name="id"/>'s interface holds (host-local's release by ID, for when its addresses are not known).</summary>
    public void ReleaseAll(string id, string ifName)
    {
        lock (_lock)
            foreach (var (path, content) in Held())
                if (HeldBy(content, id, ifName))
                    File.Delete(path);
    }

    /// <summary>Releases the addresses of containers that are not running (a crash between a hold and its release); returns how many.</summary>
    public int ReleaseUnless(Func<string, bool> running)
    {
        int released = 0;
        lock (_lock)
            foreach (var (path, content) in Held())
                if (!running(content.Split('\n')[0].Trim()))
                {
                    File.Delete(path);
                    released++;
                }
        return released;
    }

    /// <summary>The held addresses' files and holders.</summary>
    private IEnumerable<(string Path, string Content)> Held()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return System.IO.Directory.GetFiles(Directory)
            .Where(f => IPAddress.TryParse(Path.GetFileName(f), out _))
            .Select(f => (f, File.Exists(f) ? File.ReadAllText(f) : ""))
            .ToList();
    }

    /// <summary>host-local writes "ID\r\nIFNAME"; before it kept interfaces apart, only the ID.</summary>
    private static bool HeldBy(string content, string id, string ifName)
    {
        string[] lines = content.Split('\n');
        return lines[0].Trim() == id && (lines.Length == 1 || lines[1].Trim() == ifName);
    }

    private bool TryHold(IPAddress address, byte[] holder)
    {
        try
        {
            using var file = File.OpenHandle(Path.Combine(Directory, address.ToString()), FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(file, holder, 0);
            return true;
        }
        catch (IOException) when (File.Exists(Path.Combine(Directory, address.ToString())))
        {
            return false;
        }
    }

    private IPAddress Remember(int rangeIndex, IPAddress address)
    {
        File.WriteAllText(Path.Combine(Directory, LastPrefix + rangeIndex), address.ToString());
        return address;
    }

    private UInt128? LastHandedOut(int rangeIndex, System.Net.Sockets.AddressFamily family)
    {
        string path = Path.Combine(Directory, LastPrefix + rangeIndex);
        return File.Exists(path) && IPAddress.TryParse(File.ReadAllText(path).Trim(), out var last) && last.AddressFamily == family
            ? AddressMath.ToNumber(last) : null;
    }

    /// <summary>Where a search starts: just after the last address handed out if it is in the pieces, else at the first.</summary>
    private static (int Piece, UInt128 Address) After(IReadOnlyList<(UInt128 First, UInt128 Last)> pieces, UInt128? last)
    {
        if (last is UInt128 l)
            for (int i = 0; i < pieces.Count; i++)
                if (l >= pieces[i].First && l <= pieces[i].Last)
                    return Next(pieces, i, l);
        return (0, pieces[0].First);
    }

    private static (int Piece, UInt128 Address) Next(IReadOnlyList<(UInt128 First, UInt128 Last)> pieces, int piece, UInt128 address)
    {
        if (address < pieces[piece].Last)
            return (piece, address + 1);
        int next = (piece + 1) % pieces.Count;
        return (next, pieces[next].First);
    }
}
