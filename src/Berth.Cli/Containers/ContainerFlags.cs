using Berth.Cli.Flags;

namespace Berth.Cli.Containers;

/// <summary>
/// The flags <c>run</c> and <c>create</c> share, with docker's names, shorthands and types.
/// Values are read by <see cref="ContainerSpecBuilder"/>, which turns them into the create body.
/// </summary>
internal sealed class ContainerFlags
{
    public ContainerFlags(FlagSet f)
    {
        AddHost = f.List("add-host", null, "Add a custom host-to-IP mapping (host:ip)");
        Attach = f.List("attach", 'a', "Attach to STDIN, STDOUT or STDERR");
        CapAdd = f.List("cap-add", null, "Add Linux capabilities");
        CapDrop = f.List("cap-drop", null, "Drop Linux capabilities");
        CgroupParent = f.String("cgroup-parent", null, "Optional parent cgroup for the container");
        Cgroupns = f.String("cgroupns", null, "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)");
        Cidfile = f.String("cidfile", null, "Write the container ID to the file");
        CpuShares = f.Int("cpu-shares", 'c', "CPU shares (relative weight)");
        Cpus = f.String("cpus", null, "Number of CPUs", typeName: "decimal");
        CpusetCpus = f.String("cpuset-cpus", null, "CPUs in which to allow execution (0-3, 0,1)");
        Device = f.List("device", null, "Add a host device to the container");
        Dns = f.List("dns", null, "Set custom DNS servers");
        DnsOption = f.List("dns-option", null, "Set DNS options");
        DnsSearch = f.List("dns-search", null, "Set custom DNS search domains");
        Domainname = f.String("domainname", null, "Container NIS domain name");
        Entrypoint = f.String("entrypoint", null, "Overwrite the default ENTRYPOINT of the image");
        Env = f.List("env", 'e', "Set environment variables");
        EnvFile = f.List("env-file", null, "Read in a file of environment variables");
        Expose = f.List("expose", null, "Expose a port or a range of ports");
        GroupAdd = f.List("group-add", null, "Add additional groups to join");
        Hostname = f.String("hostname", 'h', "Container host name");
        Init = f.Bool("init", null, "Run an init inside the container that forwards signals and reaps processes");
        Interactive = f.Bool("interactive", 'i', "Keep STDIN open even if not attached");
        Ip = f.String("ip", null, "IPv4 address (e.g., 172.30.100.104)");
        Ip6 = f.String("ip6", null, "IPv6 address (e.g., 2001:db8::33)");
        Ipc = f.String("ipc", null, "IPC mode to use");
        Label = f.List("label", 'l', "Set meta data on a container");
        LabelFile = f.List("label-file", null, "Read in a line delimited file of labels");
        Link = f.List("link", null, "Add link to another container");
        LogDriver = f.String("log-driver", null, "Logging driver for the container");
        LogOpt = f.List("log-opt", null, "Log driver options");
        MacAddress = f.String("mac-address", null, "Container MAC address (e.g., 92:d0:c6:0a:29:33)");
        Memory = f.Add(new BytesFlag("memory", 'm', "Memory limit"));
        MemoryReservation = f.Add(new BytesFlag("memory-reservation", null, "Memory soft limit"));
        MemorySwap = f.Add(new BytesFlag("memory-swap", null, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", allowUnlimited: true));
        Name = f.String("name", null, "Assign a name to the container");
        Network = f.String("network", null, "Connect a container to a network", typeName: "network");
        NetworkAlias = f.List("network-alias", null, "Add network-scoped alias for the container");
        OomKillDisable = f.Bool("oom-kill-disable", null, "Disable OOM Killer");
        Pid = f.String("pid", null, "PID namespace to use");
        PidsLimit = f.Int("pids-limit", null, "Tune container pids limit (set -1 for unlimited)");
        Platform = f.String("platform", null, "Set platform if server is multi-platform capable");
        Privileged = f.Bool("privileged", null, "Give extended privileges to this container");
        Publish = f.List("publish", 'p', "Publish a container's port(s) to the host");
        PublishAll = f.Bool("publish-all", 'P', "Publish all exposed ports to random ports");
        Pull = f.String("pull", null, "Pull image before running (\"always\", \"missing\", \"never\")", "missing");
        Quiet = f.Bool("quiet", 'q', "Suppress the pull output");
        ReadOnly = f.Bool("read-only", null, "Mount the container's root filesystem as read only");
        Restart = f.String("restart", null, "Restart policy to apply when a container exits", "no");
        Rm = f.Bool("rm", null, "Automatically remove the container and its associated anonymous volumes when it exits");
        SecurityOpt = f.List("security-opt", null, "Security Options");
        ShmSize = f.Add(new BytesFlag("shm-size", null, "Size of /dev/shm"));
        StopSignal = f.String("stop-signal", null, "Signal to stop the container");
        StopTimeout = f.Int("stop-timeout", null, "Timeout (in seconds) to stop a container");
        Sysctl = f.Add(new ListFlag("sysctl", null, "Sysctl options", "map", SysctlFlag.Validate));
        Mount = f.Add(new ListFlag("mount", null, "Attach a filesystem mount to the container", "mount", MountFlag.Validate));
        Tmpfs = f.List("tmpfs", null, "Mount a tmpfs directory");
        Tty = f.Bool("tty", 't', "Allocate a pseudo-TTY");
        Ulimit = f.List("ulimit", null, "Ulimit options", "ulimit");
        User = f.String("user", 'u', "Username or UID (format: <name|uid>[:<group|gid>])");
        Userns = f.String("userns", null, "User namespace to use");
        Uts = f.String("uts", null, "UTS namespace to use");
        Volume = f.List("volume", 'v', "Bind mount a volume");
        VolumesFrom = f.List("volumes-from", null, "Mount volumes from the specified container(s)");
        Workdir = f.String("workdir", 'w', "Working directory inside the container");
    }

    public ListFlag AddHost { get; }
    public ListFlag Attach { get; }
    public ListFlag CapAdd { get; }
    public ListFlag CapDrop { get; }
    public StringFlag CgroupParent { get; }
    public StringFlag Cgroupns { get; }
    public StringFlag Cidfile { get; }
    public IntFlag CpuShares { get; }
    public StringFlag Cpus { get; }
    public StringFlag CpusetCpus { get; }
    public ListFlag Device { get; }
    public ListFlag Dns { get; }
    public ListFlag DnsOption { get; }
    public ListFlag DnsSearch { get; }
    public StringFlag Domainname { get; }
    public StringFlag Entrypoint { get; }
    public ListFlag Env { get; }
    public ListFlag EnvFile { get; }
    public ListFlag Expose { get; }
    public ListFlag GroupAdd { get; }
    public StringFlag Hostname { get; }
    public BoolFlag Init { get; }
    public BoolFlag Interactive { get; }
    public StringFlag Ip { get; }
    public StringFlag Ip6 { get; }
    public StringFlag Ipc { get; }
    public ListFlag Label { get; }
    public ListFlag LabelFile { get; }
    public ListFlag Link { get; }
    public StringFlag LogDriver { get; }
    public ListFlag LogOpt { get; }
    public StringFlag MacAddress { get; }
    public BytesFlag Memory { get; }
    public BytesFlag MemoryReservation { get; }
    public BytesFlag MemorySwap { get; }
    public StringFlag Name { get; }
    public StringFlag Network { get; }
    public ListFlag NetworkAlias { get; }
    public BoolFlag OomKillDisable { get; }
    public StringFlag Pid { get; }
    public IntFlag PidsLimit { get; }
    public StringFlag Platform { get; }
    public BoolFlag Privileged { get; }
    public ListFlag Publish { get; }
    public BoolFlag PublishAll { get; }
    public StringFlag Pull { get; }
    public BoolFlag Quiet { get; }
    public BoolFlag ReadOnly { get; }
    public StringFlag Restart { get; }
    public BoolFlag Rm { get; }
    public ListFlag SecurityOpt { get; }
    public BytesFlag ShmSize { get; }
    public StringFlag StopSignal { get; }
    public IntFlag StopTimeout { get; }
    public ListFlag Sysctl { get; }
    public ListFlag Mount { get; }
    public ListFlag Tmpfs { get; }
    public BoolFlag Tty { get; }
    public ListFlag Ulimit { get; }
    public StringFlag User { get; }
    public StringFlag Userns { get; }
    public StringFlag Uts { get; }
    public ListFlag Volume { get; }
    public ListFlag VolumesFrom { get; }
    public StringFlag Workdir { get; }
}
