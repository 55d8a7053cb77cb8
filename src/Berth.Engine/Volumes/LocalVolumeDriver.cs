using Berth.Core.Errors;
using Berth.Core.Volumes;
using Berth.Linux.Mounts;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's <c>local</c> driver: the data is a directory, <c>&lt;data-root&gt;/volumes/NAME/_data</c>.
/// With <c>type</c>/<c>device</c>/<c>o</c> options (<c>-o type=tmpfs,device=tmpfs,o=size=1m</c>,
/// <c>-o type=none,o=bind,device=/path</c>) that directory is a mount point: mounted when the
/// first container using the volume starts, unmounted when the last one stops.
/// </summary>
public sealed class LocalVolumeDriver : IVolumeDriver
{
    private static readonly HashSet<string> s_options = ["type", "device", "o", "size"];

    private readonly string _root;
    // Which containers have a mounted option volume in use, by volume name; in memory, as the
    // mounts themselves are: berthd recomputes it from the running containers after a restart.
    private readonly Dictionary<string, HashSet<string>> _users = [];

    public LocalVolumeDriver(string root) => _root = root;

    public string Name => "local";

    public string Create(string name, IReadOnlyDictionary<string, string> options)
    {
        foreach (string key in options.Keys)
        {
            if (!s_options.Contains(key))
                throw BerthException.Invalid($"invalid option: \"{key}\"");
        }
        if (options.ContainsKey("size"))
            throw BerthException.Invalid($"quota size requested but no quota support");
        if (HasMount(options) && !options.ContainsKey("device"))
            throw BerthException.Invalid($"missing required option: \"device\"");
        if (HasMount(options) && !options.ContainsKey("type"))
            throw BerthException.Invalid($"missing required option: \"type\"");
        string data = DataOf(name);
        Directory.CreateDirectory(data);
        // Docker's modes: the volume's directory is private to root, its data is not.
        File.SetUnixFileMode(Path.GetDirectoryName(data)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        return data;
    }

    public void Remove(Volume volume)
    {
        string dir = Path.Combine(_root, volume.Name);
        lock (_users)
        {
            _users.Remove(volume.Name);
            Mounter.Unmount(DataOf(volume.Name));
        }
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    public string Mount(Volume volume, string containerId)
    {
        string data = DataOf(volume.Name);
        if (!HasMount(volume.Options))
            return data;
        lock (_users)
        {
            if (!_users.TryGetValue(volume.Name, out var users))
                _users[volume.Name] = users = [];
            if (users.Count == 0 && !Mounter.IsMounted(data))
            {
                var o = volume.Options.TryGetValue("o", out string? given) ? given.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
                string type = volume.Options["type"];
                Mounter.MountAt(new Core.Mounts.Mount(type == "none" ? "bind" : type, volume.Options["device"], o), data);
            }
            users.Add(containerId);
        }
        return data;
    }

    public void Unmount(Volume volume, string containerId)
    {
        if (!HasMount(volume.Options))
            return;
        lock (_users)
        {
            if (_users.TryGetValue(volume.Name, out var users) && users.Remove(containerId) && users.Count == 0)
            {
                _users.Remove(volume.Name);
                Mounter.Unmount(DataOf(volume.Name));
            }
        }
    }

    private string DataOf(string name) => Path.Combine(_root, name, "_data");

    private static bool HasMount(IReadOnlyDictionary<string, string> options) =>
        options.ContainsKey("type") || options.ContainsKey("device");
}
