using System.Globalization;
using System.Text.Json;

namespace Berth.Cli.Containers;

/// <summary>
/// Turns <see cref="ContainerFlags"/> plus IMAGE [COMMAND] [ARG...] into the body of
/// <c>POST /containers/create</c> (Config fields at top level, HostConfig, NetworkingConfig),
/// applying docker's rules for attach streams, StdinOnce, entrypoint resets and restart policies.
/// </summary>
internal static partial class ContainerSpecBuilder
{
    public static ContainerSpec Build(ContainerFlags flags, string image, IReadOnlyList<string> command, bool detach, Func<string, string?> environment)
    {
        if (flags.Rm.Value && flags.Restart.Value is not ("" or "no"))
        {
            throw new FormatException("conflicting options: cannot specify both --restart and --rm");
        }

        var attach = flags.Attach.Values.Select(a => a.ToLowerInvariant()).ToList();
        foreach (var stream in attach.Where(a => a is not ("stdin" or "stdout" or "stderr")))
        {
            throw new FormatException($"invalid argument \"{stream}\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR");
        }

        var attachStdin = attach.Count > 0 ? attach.Contains("stdin") : !detach && flags.Interactive.Value;
        var attachStdout = attach.Count > 0 ? attach.Contains("stdout") : !detach;
        var attachStderr = attach.Count > 0 ? attach.Contains("stderr") : !detach;
        string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : throw new FormatException($"open {path}: no such file or directory");
        var env = EnvironmentList.Resolve(flags.EnvFile.Values, flags.Env.Values, environment, ReadLines);
        var labels = EnvironmentList.Labels(flags.LabelFile.Values, flags.Label.Values, ReadLines);
        var ports = flags.Publish.Values.SelectMany(PortSpec.Parse).ToList();
        var exposed = ports.Select(p => p.ContainerPort)
            .Concat(flags.Expose.Values.SelectMany(e => PortSpec.Parse(e).Select(p => p.ContainerPort)))
            .Distinct().ToList();

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Hostname", flags.Hostname.Value);
            w.WriteString("Domainname", flags.Domainname.Value);
            w.WriteString("User", flags.User.Value);
            w.WriteBoolean("AttachStdin", attachStdin);
            w.WriteBoolean("AttachStdout", attachStdout);
            w.WriteBoolean("AttachStderr", attachStderr);
            WriteSet(w, "ExposedPorts", exposed);
            w.WriteBoolean("Tty", flags.Tty.Value);
            w.WriteBoolean("OpenStdin", flags.Interactive.Value);
            w.WriteBoolean("StdinOnce", flags.Interactive.Value && attachStdin);
            WriteList(w, "Env", env);
            WriteList(w, "Cmd", command.Count > 0 ? command : null);
            w.WriteString("Image", image);
            WriteSet(w, "Volumes", flags.Volume.Values.Where(v => !v.Contains(':')).ToList());
            w.WriteString("WorkingDir", flags.Workdir.Value);
            WriteList(w, "Entrypoint", flags.Entrypoint.Changed ? [flags.Entrypoint.Value] : null);
            w.WriteStartObject("Labels");
            foreach (var (key, value) in labels)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            if (flags.StopSignal.Value.Length > 0)
            {
                w.WriteString("StopSignal", flags.StopSignal.Value);
            }

            if (flags.StopTimeout.Changed)
            {
                w.WriteNumber("StopTimeout", flags.StopTimeout.Value);
            }

            WriteHostConfig(w, flags, ports);
            WriteNetworkingConfig(w, flags);
            w.WriteEndObject();
        }

        return new ContainerSpec(
            buffer.ToArray(),
            image,
            flags.Name.Value.Length > 0 ? flags.Name.Value : null,
            flags.Platform.Value.Length > 0 ? flags.Platform.Value : null,
            flags.Tty.Value,
            attachStdin,
            attachStdout,
            attachStderr,
            flags.Rm.Value,
            flags.Pull.Value);
    }

    private static void WriteNetworkingConfig(Utf8JsonWriter w, ContainerFlags flags)
    {
        w.WriteStartObject("NetworkingConfig");
        w.WriteStartObject("EndpointsConfig");
        var network = flags.Network.Value.Length > 0 ? flags.Network.Value : "default";
        bool endpoint = flags.NetworkAlias.Values.Count > 0 || flags.Ip.Value.Length > 0 || flags.Ip6.Value.Length > 0 || flags.MacAddress.Value.Length > 0
            || (network is not ("default" or "host" or "none") && !network.StartsWith("container:", StringComparison.Ordinal));
        if (endpoint)
        {
            // As docker's: the endpoint settings of the one network the container starts on.
            w.WriteStartObject(network);
            WriteList(w, "Aliases", flags.NetworkAlias.Values.Count > 0 ? flags.NetworkAlias.Values : null);
            if (flags.Ip.Value.Length > 0 || flags.Ip6.Value.Length > 0)
            {
                w.WriteStartObject("IPAMConfig");
                if (flags.Ip.Value.Length > 0)
                    w.WriteString("IPv4Address", flags.Ip.Value);
                if (flags.Ip6.Value.Length > 0)
                    w.WriteString("IPv6Address", flags.Ip6.Value);
                w.WriteEndObject();
            }
            if (flags.MacAddress.Value.Length > 0)
                w.WriteString("MacAddress", flags.MacAddress.Value);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteSet(Utf8JsonWriter w, string name, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        foreach (var key in keys)
        {
            w.WriteStartObject(key);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static long? Bytes(Flags.BytesFlag flag) => flag.Changed ? flag.Value : null;

    internal static long NanoCpus(string cpus)
        => cpus.Length == 0 ? 0 : (long)(decimal.Parse(cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 1_000_000_000m);
}
