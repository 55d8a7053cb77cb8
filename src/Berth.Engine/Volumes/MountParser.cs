using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Volumes;

/// <summary>
/// Reads the three ways a client asks for mounts into <see cref="MountPoint"/>s, with Docker's
/// refusals: <c>-v SRC:DST[:MODE]</c> (HostConfig.Binds), <c>--mount</c> (HostConfig.Mounts)
/// and <c>--volumes-from C[:ro|rw]</c>. Pure: volumes are named here, created by the service.
/// </summary>
public static class MountParser
{
    private static readonly HashSet<string> s_propagation = ["shared", "rshared", "slave", "rslave", "private", "rprivate"];
    private static readonly HashSet<string> s_modes = ["ro", "rw", "z", "Z", "nocopy", "cached", "delegated", "consistent"];

    /// <summary>The propagation Docker gives a bind that names none.</summary>
    public const string DefaultPropagation = "rprivate";

    /// <summary>
    /// One Binds entry: <c>SRC:DST[:MODE]</c>, where an absolute source is a bind and anything
    /// else names a volume, or a lone <c>DST</c>, an anonymous volume (docker-py sends those).
    /// </summary>
    public static MountPoint ParseBind(string spec)
    {
        string[] parts = spec.Split(':');
        if (parts is [var lone] && lone.StartsWith('/'))
            return new MountPoint { Type = "volume", Destination = Clean(lone), Driver = "local", CopyData = true };
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw BerthException.Invalid($"invalid volume specification: '{spec}'");
        string source = parts[0], target = parts[1], mode = parts.Length == 3 ? parts[2] : "";
        bool bind = source.StartsWith('/');
        if (!target.StartsWith('/'))
            throw BerthException.Invalid($"invalid volume specification: '{spec}': invalid mount config for type \"{(bind ? "bind" : "volume")}\": invalid mount path: '{target}' mount path must be absolute");
        string[] modes = mode.Length == 0 ? [] : mode.Split(',');
        foreach (string m in modes)
        {
            if (!s_modes.Contains(m) && !s_propagation.Contains(m))
                throw BerthException.Invalid($"invalid mode: {mode}");
        }
        if (modes.Count(m => m is "ro" or "rw") > 1 || modes.Count(s_propagation.Contains) > 1)
            throw BerthException.Invalid($"invalid mode: {mode}");
        if (bind && modes.Contains("nocopy"))
            throw BerthException.Invalid($"invalid mode: {mode}");
        if (!bind && modes.Any(s_propagation.Contains))
            throw BerthException.Invalid($"invalid volume specification: '{spec}': invalid mount config for type \"volume\": propagation mode is not supported for volumes");
        bool rw = !modes.Contains("ro");
        return bind
            ? new MountPoint
            {
                Type = "bind", Source = Clean(source), Destination = Clean(target), Mode = mode, RW = rw,
                Propagation = modes.FirstOrDefault(s_propagation.Contains) ?? DefaultPropagation,
            }
            : new MountPoint
            {
                Type = "volume", Name = source, Destination = Clean(target), Driver = "local",
                // As Docker shows it: a named volume given no mode has SELinux's shared label, "z".
                Mode = mode.Length == 0 ? "z" : mode, RW = rw, CopyData = !modes.Contains("nocopy"),
            };
    }

    /// <summary>
    /// One <c>--mount</c>. A volume without a source is anonymous (<see cref="MountPoint.Name"/>
    /// null). The bind source's existence is the caller's to check: that is I/O.
    /// </summary>
    public static MountPoint ParseSpec(MountSpec spec)
    {
        string type = spec.Type;
        if (type is not ("bind" or "volume" or "tmpfs"))
            throw BerthException.Invalid(type.Length == 0 ? "invalid mount config: mount type unknown" : $"invalid mount config for type \"{type}\": mount type unknown");
        BerthException Bad(string why) => BerthException.Invalid($"invalid mount config for type \"{type}\": {why}");
        if (spec.Target.Length == 0)
            throw Bad("field Target must not be empty");
        if (!spec.Target.StartsWith('/'))
            throw Bad($"invalid mount path: '{spec.Target}' mount path must be absolute");
        if (type != "bind" && spec.BindOptions is not null)
            throw Bad("field BindOptions must not be specified");
        if (type != "volume" && spec.VolumeOptions is not null)
            throw Bad("field VolumeOptions must not be specified");
        if (type != "tmpfs" && spec.TmpfsOptions is not null)
            throw Bad("field TmpfsOptions must not be specified");
        string target = Clean(spec.Target);
        switch (type)
        {
            case "bind":
                if (string.IsNullOrEmpty(spec.Source))
                    throw Bad("field Source must not be empty");
                if (!spec.Source.StartsWith('/'))
                    throw Bad($"invalid mount path: '{spec.Source}' mount path must be absolute");
                string? propagation = spec.BindOptions?.Propagation;
                if (!string.IsNullOrEmpty(propagation) && !s_propagation.Contains(propagation))
                    throw Bad($"invalid propagation mode: {propagation}");
                return new MountPoint
                {
                    Type = "bind", Source = Clean(spec.Source), Destination = target, RW = !spec.ReadOnly,
                    Propagation = string.IsNullOrEmpty(propagation) ? DefaultPropagation : propagation,
                    NonRecursive = spec.BindOptions?.NonRecursive == true,
                };
            case "volume":
                string? driver = spec.VolumeOptions?.DriverConfig?.Name;
                string? subpath = spec.VolumeOptions?.Subpath;
                if (!string.IsNullOrEmpty(subpath) && (subpath.StartsWith('/') || subpath.Split('/').Contains("..")))
                    throw Bad("subpath must be a relative path within the volume");
                return new MountPoint
                {
                    Type = "volume", Name = string.IsNullOrEmpty(spec.Source) ? null : spec.Source, Destination = target,
                    Driver = string.IsNullOrEmpty(driver) ? "local" : driver, Mode = "z", RW = !spec.ReadOnly,
                    CopyData = spec.VolumeOptions?.NoCopy != true,
                    Subpath = string.IsNullOrEmpty(subpath) ? null : subpath,
                };
            default:
                if (!string.IsNullOrEmpty(spec.Source))
                    throw Bad("field Source must not be specified");
                var options = new List<string>();
                if (spec.TmpfsOptions is { SizeBytes: < 0 })
                    throw Bad("invalid tmpfs size");
                if (spec.TmpfsOptions is { SizeBytes: > 0 } sized)
                    options.Add("size=" + sized.SizeBytes);
                if (spec.TmpfsOptions is { Mode: > 0 } moded)
                    options.Add("mode=" + Convert.ToString(moded.Mode, 8));
                return new MountPoint { Type = "tmpfs", Destination = target, RW = !spec.ReadOnly, TmpfsOptions = string.Join(',', options) };
        }
    }

    /// <summary><c>CONTAINER[:ro|rw]</c>: the container, and whether its mounts may stay writable (null: as they are).</summary>
    public static (string Container, bool? ReadWrite) ParseVolumesFrom(string spec)
    {
        int colon = spec.LastIndexOf(':');
        if (colon < 0)
            return (spec, null);
        string mode = spec[(colon + 1)..];
        return mode switch
        {
            "ro" => (spec[..colon], false),
            "rw" => (spec[..colon], true),
            _ => throw BerthException.Invalid($"invalid mode for volumes-from: {mode}"),
        };
    }

    /// <summary>Without a trailing slash or doubled ones, as Go's filepath.Clean leaves it.</summary>
    public static string Clean(string path)
    {
        string cleaned = "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));
        return cleaned;
    }
}
