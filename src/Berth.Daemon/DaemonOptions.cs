using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon;

/// <summary>
/// berthd's settings, named as dockerd's: from <c>/etc/berth/daemon.json</c> (or
/// <c>--config-file</c>), then the command line, which wins.
/// </summary>
internal sealed class DaemonOptions
{
    public List<string> Hosts { get; } = [];
    public string DataRoot { get; set; } = "/var/lib/berth";
    public string ExecRoot { get; set; } = "/run/berth";
    public string? PidFile { get; set; }
    public string LogLevel { get; set; } = "info";
    public string Runtime { get; set; } = "runc";
    public string Conmon { get; set; } = "conmon";
    public string? SocketGroup { get; set; } = "berth";
    /// <summary>The Linux bridge of the default network (dockerd's docker0).</summary>
    public string Bridge { get; set; } = Engine.Networking.BridgeConfig.DefaultBridge;
    /// <summary>The bridge's address and prefix: its gateway and subnet.</summary>
    public string Bip { get; set; } = Engine.Networking.BridgeConfig.DefaultBip;
    /// <summary>The part of the bridge's subnet containers get addresses from (dockerd's <c>--fixed-cidr</c>).</summary>
    public string? FixedCidr { get; set; }
    /// <summary>IPv6 on the default bridge (dockerd's <c>--ipv6</c>), with addresses of <see cref="FixedCidrV6"/>.</summary>
    public bool IPv6 { get; set; }
    public string? FixedCidrV6 { get; set; }
    /// <summary>Where user-defined networks get their subnets (<c>--default-address-pool</c>); empty for Berth's default.</summary>
    public List<Engine.Networking.AddressPool> AddressPools { get; } = [];
    public string CniPluginDir { get; set; } = "/usr/lib/cni";
    /// <summary>Registries spoken to without verified TLS (host[:port] or CIDR); 127.0.0.0/8 always is.</summary>
    public List<string> InsecureRegistries { get; } = [];
    /// <summary>Per-registry CAs and client certificates, in <c>/etc/docker/certs.d</c>'s layout.</summary>
    public string CertsDir { get; set; } = "/etc/berth/certs.d";
    /// <summary>Mirrors tried first for Docker Hub images (<c>--registry-mirror</c>, <c>registry-mirrors</c>).</summary>
    public List<string> RegistryMirrors { get; } = [];
    /// <summary>Where the built-in registry listens (IP:PORT); null: no registry.</summary>
    public string? RegistryAddr { get; set; }
    public string? RegistryTlsCert { get; set; }
    public string? RegistryTlsKey { get; set; }
    /// <summary>bcrypt users of the built-in registry; without it, no credentials are asked.</summary>
    public string? RegistryHtpasswd { get; set; }
    /// <summary>The log driver of containers created without one (dockerd's <c>--log-driver</c>); null for json-file.</summary>
    public string? LogDriver { get; set; }
    /// <summary>Its options (<c>--log-opt</c>, daemon.json's <c>log-opts</c>).</summary>
    public Dictionary<string, string> LogOpts { get; } = [];
    /// <summary>The API's TLS, as dockerd's <c>--tls</c>/<c>--tlsverify</c> and certificate flags.</summary>
    public ApiTlsOptions Tls { get; } = new();
    /// <summary>The largest JSON request body (create, update, exec...) read into memory; past it, 413.</summary>
    public long MaxJsonBodySize { get; set; } = 16 << 20;
    /// <summary>What untrusted archives and layers may cost to unpack (decompression bombs, entry floods, nested indexes).</summary>
    public Engine.Archive.ArchiveLimits ArchiveLimits { get; set; } = Engine.Archive.ArchiveLimits.Default;

    public static DaemonOptions Parse(string[] args)
    {
        var options = new DaemonOptions();
        string configFile = "/etc/berth/daemon.json";
        for (int i = 0; i < args.Length; i++)
            if (args[i] == "--config-file" && i + 1 < args.Length)
                configFile = args[i + 1];
        if (File.Exists(configFile))
            options.ApplyFile(configFile);
        bool hostsFromFile = options.Hosts.Count > 0;
        var hostFlags = new List<string>();

        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value() => inline ?? (++i < args.Length ? args[i] : throw BerthException.Invalid($"flag needs an argument: {arg}"));
            switch (arg)
            {
                case "-H" or "--host": hostFlags.Add(Value()); break;
                case "--log-driver": options.LogDriver = Value(); break;
                case "--log-opt":
                    string opt = Value();
                    int split = opt.IndexOf('=');
                    if (split <= 0)
                        throw BerthException.Invalid($"invalid argument \"{opt}\" for \"--log-opt\" flag: invalid key value pair format");
                    options.LogOpts[opt[..split]] = opt[(split + 1)..];
                    break;
                case "--tls": options.Tls.Enabled = BoolValue(arg, inline); break;
                case "--tlsverify": options.Tls.Verify = BoolValue(arg, inline); break;
                case "--tlscacert": options.Tls.CaCert = Value(); break;
                case "--tlscert": options.Tls.Cert = Value(); break;
                case "--tlskey": options.Tls.Key = Value(); break;
                case "--data-root" or "-g" or "--graph": options.DataRoot = Value(); break;
                case "--exec-root": options.ExecRoot = Value(); break;
                case "-p" or "--pidfile": options.PidFile = Value(); break;
                case "-l" or "--log-level": options.LogLevel = Value(); break;
                case "-D" or "--debug": options.LogLevel = "debug"; break;
                case "--default-runtime" or "--runtime": options.Runtime = Value(); break;
                case "--conmon": options.Conmon = Value(); break;
                case "-b" or "--bridge": options.Bridge = Value(); break;
                case "--bip": options.Bip = Value(); break;
                case "--fixed-cidr": options.FixedCidr = Value(); break;
                case "--ipv6": options.IPv6 = BoolValue(arg, inline); break;
                case "--fixed-cidr-v6": options.FixedCidrV6 = Value(); break;
                case "--default-address-pool": options.AddressPools.Add(Engine.Networking.AddressPool.Parse(Value())); break;
                case "--cni-plugin-dir": options.CniPluginDir = Value(); break;
                case "--insecure-registry": options.InsecureRegistries.Add(Value()); break;
                case "--registry-mirror": options.RegistryMirrors.Add(Value()); break;
                case "--registry-addr": options.RegistryAddr = Value(); break;
                case "--registry-tlscert": options.RegistryTlsCert = Value(); break;
                case "--registry-tlskey": options.RegistryTlsKey = Value(); break;
                case "--registry-htpasswd": options.RegistryHtpasswd = Value(); break;
                case "-G" or "--group": options.SocketGroup = Value(); break;
                case "--config-file": Value(); break;
                default: throw BerthException.Invalid($"unknown flag: {arg}");
            }
        }
        if (hostFlags.Count > 0)
        {
            if (hostsFromFile)
                throw BerthException.Invalid("unable to configure the Docker daemon with file " + configFile
                    + $": the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [{string.Join(' ', hostFlags)}], from file: [{string.Join(' ', options.Hosts)}])");
            options.Hosts.AddRange(hostFlags);
        }
        if (options.Hosts.Count == 0)
            options.Hosts.Add("unix://" + Path.Combine(options.ExecRoot, "berth.sock"));
        return options;
    }

    /// <summary>A boolean flag: bare means true, <c>--flag=false</c> sets it false (pflag's syntax).</summary>
    private static bool BoolValue(string flag, string? inline) => inline switch
    {
        null or "true" or "1" => true,
        "false" or "0" => false,
        _ => throw BerthException.Invalid($"invalid argument \"{inline}\" for \"{flag}\" flag: strconv.ParseBool: parsing \"{inline}\": invalid syntax"),
    };
    /// <summary>A limit's value: a whole number of bytes or items (0 only where it turns a check off).</summary>
    private static long Positive(JsonProperty p, bool zero = false) =>
        p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out long n) && (n > 0 || zero && n == 0) ? n
            : throw BerthException.Invalid($"invalid {p.Name} in daemon.json: {p.Value.GetRawText()} (want a whole number{(zero ? "" : " above 0")})");

    private void ApplyFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            switch (p.Name)
            {
                case "hosts": Hosts.AddRange(p.Value.EnumerateArray().Select(h => h.GetString()!)); break;
                case "data-root": DataRoot = p.Value.GetString()!; break;
                case "exec-root": ExecRoot = p.Value.GetString()!; break;
                case "pidfile": PidFile = p.Value.GetString(); break;
                case "log-level": LogLevel = p.Value.GetString()!; break;
                case "default-runtime": Runtime = p.Value.GetString()!; break;
                case "group": SocketGroup = p.Value.GetString(); break;
                case "bridge": Bridge = p.Value.GetString()!; break;
                case "bip": Bip = p.Value.GetString()!; break;
                case "fixed-cidr": FixedCidr = p.Value.GetString(); break;
                case "ipv6": IPv6 = p.Value.GetBoolean(); break;
                case "fixed-cidr-v6": FixedCidrV6 = p.Value.GetString(); break;
                case "default-address-pools":
                    foreach (var pool in p.Value.EnumerateArray())
                        AddressPools.Add(Engine.Networking.AddressPool.Create(
                            pool.TryGetProperty("base", out var b) ? b.GetString() ?? "" : "",
                            pool.TryGetProperty("size", out var z) ? z.ToString() : "", pool.GetRawText()));
                    break;
                case "log-driver": LogDriver = p.Value.GetString(); break;
                case "log-opts":
                    foreach (var o in p.Value.EnumerateObject())
                        LogOpts[o.Name] = o.Value.GetString() ?? "";
                    break;
                case "tls": Tls.Enabled = p.Value.GetBoolean(); break;
                case "tlsverify": Tls.Verify = p.Value.GetBoolean(); break;
                case "tlscacert": Tls.CaCert = p.Value.GetString()!; break;
                case "tlscert": Tls.Cert = p.Value.GetString()!; break;
                case "tlskey": Tls.Key = p.Value.GetString()!; break;
                case "cni-plugin-dir": CniPluginDir = p.Value.GetString()!; break;
                case "insecure-registries": InsecureRegistries.AddRange(p.Value.EnumerateArray().Select(r => r.GetString() ?? "")); break;
                case "registry-mirrors": RegistryMirrors.AddRange(p.Value.EnumerateArray().Select(r => r.GetString() ?? "")); break;
                case "registry-addr": RegistryAddr = p.Value.GetString(); break;
                case "registry-tlscert": RegistryTlsCert = p.Value.GetString(); break;
                case "registry-tlskey": RegistryTlsKey = p.Value.GetString(); break;
                case "registry-htpasswd": RegistryHtpasswd = p.Value.GetString(); break;
                case "max-json-body-size": MaxJsonBodySize = Positive(p); break;
                case "max-decompressed-size": ArchiveLimits = ArchiveLimits with { MaxDecompressedSize = Positive(p) }; break;
                case "max-expansion-ratio": ArchiveLimits = ArchiveLimits with { MaxExpansionRatio = (int)Math.Min(Positive(p, zero: true), int.MaxValue) }; break;
                case "expansion-ratio-floor": ArchiveLimits = ArchiveLimits with { ExpansionFloor = Positive(p, zero: true) }; break;
                case "max-archive-entries": ArchiveLimits = ArchiveLimits with { MaxEntries = Positive(p) }; break;
                case "max-manifest-depth": ArchiveLimits = ArchiveLimits with { MaxIndexDepth = (int)Math.Min(Positive(p), int.MaxValue) }; break;
            }
        }
    }
}
