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
/// </code>
/// A file is made whole or not at all as far as a crash of berthd goes (a kill -9 between
/// create and write leaves an empty one, whose holder is nobody and which the restart's sweep
/// releases). The lowest free address is handed out, as Docker's IPAM does (host-local goes
/// round-robin instead and keeps a <c>last_reserved_ip.N</c> file, which is ignored here): a
/// container's MAC is derived from its IPv4 address (<see cref="BridgePlugin"/>), so neighbours'
/// ARP entries for a reused address stay right.
/// </summary>
public sealed class AddressBook(string directory)
{
    private readonly Lock _lock = new();
    private bool _created;

    public string Directory { get; } = directory;

    /// <summary>
    /// Holds an address of <paramref name="range"/> for a container's interface:
    /// <paramref name="requested"/> if given (any of the subnet's but the gateway and the
    /// reserved ones), else the lowest free one. Null when every address is held.
    /// </summary>
    public IPAddress? Allocate(AddressRange range, string id, string ifName, IPAddress? requested = null)
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
                return TryHold(requested, holder) ? requested : throw BerthException.Forbidden("Address already in use");
            }
            UInt128 gateway = AddressMath.ToNumber(range.Gateway);
            var held = HeldAddresses().Where(a => a.AddressFamily == family).Select(AddressMath.ToNumber).ToHashSet();
            foreach (var (first, last) in range.Pieces())
                for (UInt128 candidate = first; candidate <= last && candidate >= first; candidate++)
                {
                    if (candidate == gateway || held.Contains(candidate))
                        continue;
                    var address = AddressMath.FromNumber(candidate, family);
                    if (TryHold(address, holder))
                        return address;
                }
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

    /// <summary>The held addresses, by their files' names alone.</summary>
    private IEnumerable<IPAddress> HeldAddresses() =>
        System.IO.Directory.EnumerateFiles(Directory).Select(f => IPAddress.TryParse(Path.GetFileName(f), out var a) ? a : null).OfType<IPAddress>();

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
}
