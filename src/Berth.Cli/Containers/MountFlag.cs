using System.Text.Json;
using Berth.Core.Units;

namespace Berth.Cli.Containers;

/// <summary>
/// <c>--mount type=volume|bind|tmpfs,src=,dst=,readonly,...</c> read as docker's opts.MountOpt
/// does: checked when the flag is parsed, written into <c>HostConfig.Mounts</c>. What only the
/// daemon can judge (an unknown type, a missing bind source) is left to the daemon.
/// </summary>
internal static class MountFlag
{
    /// <summary>The flag's validator: the value itself, or a FormatException in docker's words.</summary>
    public static string Validate(string value)
    {
        Parse(value);
        return value;
    }

    /// <summary>One <c>--mount</c> as a <c>HostConfig.Mounts</c> entry.</summary>
    public static void Write(Utf8JsonWriter w, string value)
    {
        var m = Parse(value);
        w.WriteStartObject();
        w.WriteString("Type", m.Type);
        if (m.Source.Length > 0)
        {
            w.WriteString("Source", m.Source);
        }

        w.WriteString("Target", m.Target);
        if (m.ReadOnly)
        {
            w.WriteBoolean("ReadOnly", true);
        }

        if (m.Consistency.Length > 0)
        {
            w.WriteString("Consistency", m.Consistency);
        }

        if (m.Propagation is not null || m.NonRecursive)
        {
            w.WriteStartObject("BindOptions");
            if (m.Propagation is not null)
            {
                w.WriteString("Propagation", m.Propagation);
            }

            if (m.NonRecursive)
            {
                w.WriteBoolean("NonRecursive", true);
            }

            w.WriteEndObject();
        }

        if (m.HasVolumeOptions)
        {
            w.WriteStartObject("VolumeOptions");
            if (m.NoCopy)
            {
                w.WriteBoolean("NoCopy", true);
            }

            WriteMap(w, "Labels", m.Labels);
            if (m.Driver is not null || m.DriverOptions.Count > 0)
            {
                w.WriteStartObject("DriverConfig");
                if (m.Driver is not null)
                {
                    w.WriteString("Name", m.Driver);
                }

                WriteMap(w, "Options", m.DriverOptions);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (m.TmpfsSize is not null || m.TmpfsMode is not null)
        {
            w.WriteStartObject("TmpfsOptions");
            if (m.TmpfsSize is { } size)
            {
                w.WriteNumber("SizeBytes", size);
            }

            if (m.TmpfsMode is { } mode)
            {
                w.WriteNumber("Mode", mode);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, Dictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static MountFlagValues Parse(string value)
    {
        var m = new MountFlagValues();
        foreach (var field in value.Split(','))
        {
            var kv = field.Split('=', 2);
            var key = kv[0].Trim().ToLowerInvariant();
            if (kv.Length == 1)
            {
                switch (key)
                {
                    case "readonly" or "ro":
                        m.ReadOnly = true;
                        continue;
                    case "volume-nocopy":
                        m.NoCopy = m.HasVolumeOptions = true;
                        continue;
                    case "bind-nonrecursive":
                        m.NonRecursive = m.HasBindOptions = true;
                        continue;
                    default:
                        throw new FormatException($"invalid field '{field}' must be a key=value pair");
                }
            }

            var v = kv[1];
            switch (key)
            {
                case "type": m.Type = v.ToLowerInvariant(); break;
                case "source" or "src": m.Source = v; break;
                case "target" or "dst" or "destination": m.Target = v; break;
                case "readonly" or "ro": m.ReadOnly = Bool(key, v); break;
                case "consistency": m.Consistency = v.ToLowerInvariant(); break;
                case "bind-propagation": m.Propagation = v.ToLowerInvariant(); m.HasBindOptions = true; break;
                case "bind-nonrecursive": m.NonRecursive = Bool(key, v); m.HasBindOptions = true; break;
                case "volume-nocopy": m.NoCopy = Bool(key, v); m.HasVolumeOptions = true; break;
                case "volume-label": Pair(m.Labels, v); m.HasVolumeOptions = true; break;
                case "volume-driver": m.Driver = v; m.HasVolumeOptions = true; break;
                case "volume-opt" or "volume-opts": Pair(m.DriverOptions, v); m.HasVolumeOptions = true; break;
                case "tmpfs-size":
                    m.TmpfsSize = Try(() => ByteSize.Parse(v), key, v);
                    break;
                case "tmpfs-mode":
                    m.TmpfsMode = Try(() => Convert.ToUInt32(v, 8), key, v);
                    break;
                default:
                    throw new FormatException($"unexpected key '{key}' in '{field}'");
            }
        }

        if (m.Target.Length == 0)
        {
            throw new FormatException("target is required");
        }

        if (m.HasVolumeOptions && m.Type != "volume")
        {
            throw new FormatException($"cannot mix 'volume-*' options with mount type '{m.Type}'");
        }

        if (m.HasBindOptions && m.Type != "bind")
        {
            throw new FormatException($"cannot mix 'bind-*' options with mount type '{m.Type}'");
        }

        if ((m.TmpfsSize is not null || m.TmpfsMode is not null) && m.Type != "tmpfs")
        {
            throw new FormatException($"cannot mix 'tmpfs-*' options with mount type '{m.Type}'");
        }

        return m;
    }

    private static void Pair(Dictionary<string, string> into, string value)
    {
        var kv = value.Split('=', 2);
        into[kv[0]] = kv.Length > 1 ? kv[1] : string.Empty;
    }

    private static bool Bool(string key, string value) => value.ToLowerInvariant() switch
    {
        "1" or "t" or "true" => true,
        "0" or "f" or "false" => false,
        _ => throw new FormatException($"invalid value for {key}: {value}"),
    };

    private static T Try<T>(Func<T> parse, string key, string value)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"invalid value for {key}: {value}");
        }
    }
}
