using System.Runtime.InteropServices;
using Berth.Daemon;
using Berth.Engine.Services;

namespace Berth.Daemon.Api;

/// <summary><c>/_ping</c>, <c>/version</c>, <c>/info</c>, <c>/system/df</c>.</summary>
internal static class SystemRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/_ping", ["GET", "HEAD"], Ping);
        app.MapGet("/version", Version);
        app.MapGet("/info", Info);
        app.MapGet("/system/df", DiskUsage);
    }

    /// <summary><c>GET /system/df?type=</c>: the parts named (API 1.42), all without one.</summary>
    private static IResult DiskUsage(HttpRequest request, DiskUsageService usage, Engine.Containers.ContainerService containers)
    {
        var types = request.Query["type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        if (types.FirstOrDefault(t => t is not ("container" or "image" or "volume" or "build-cache")) is { } bad)
            throw Core.Errors.BerthException.Invalid($"unknown object type: {bad}");
        return Json.Ok(Models.DiskUsageViews.Render(usage.Measure(types), containers.NetworkIdsOf), DaemonJson.Api.DiskUsageView);
    }

    private static IResult Ping(HttpContext context)
    {
        var h = context.Response.Headers;
        h.CacheControl = "no-cache, no-store, must-revalidate";
        h.Pragma = "no-cache";
        h["Docker-Experimental"] = "false";
        h["Ostype"] = "linux";
        h["Builder-Version"] = "1";
        return Results.Text("OK", "text/plain; charset=utf-8");
    }

    private static IResult Version(SystemService system)
    {
        string kernel = system.KernelVersion();
        var details = new Dictionary<string, string>
        {
            ["ApiVersion"] = ApiVersion.Current, ["MinAPIVersion"] = ApiVersion.Minimum, ["GitCommit"] = GitCommit,
            ["GoVersion"] = RuntimeInformation.FrameworkDescription, ["Os"] = "linux", ["Arch"] = "amd64",
            ["KernelVersion"] = kernel, ["Experimental"] = "false", ["BuildTime"] = BuildTime,
        };
        return Json.Ok(new VersionView(
            Platform: new NameView("Berth Engine"),
            Components: [new ComponentView(Name: "Engine", Version: ApiVersion.EngineVersion, Details: details)],
            Version: ApiVersion.EngineVersion,
            ApiVersion: ApiVersion.Current,
            MinAPIVersion: ApiVersion.Minimum,
            GitCommit: GitCommit,
            GoVersion: RuntimeInformation.FrameworkDescription,
            Os: "linux",
            Arch: "amd64",
            KernelVersion: kernel,
            BuildTime: BuildTime), DaemonJson.Api.VersionView);
    }

    private static IResult Info(SystemService system, DaemonOptions options, Berth.Engine.Logs.LogDefaults logDefaults)
    {
        var info = system.Info();
        return Json.Ok(new InfoView(
            ID: info.Id,
            Containers: info.Containers,
            ContainersRunning: info.ContainersRunning,
            ContainersPaused: info.ContainersPaused,
            ContainersStopped: info.Containers - info.ContainersRunning - info.ContainersPaused,
            Images: info.Images,
            Driver: "overlay2",
            DriverStatus: [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]],
            Plugins: new PluginsView(Volume: ["local"], Network: ["bridge", "host", "null"], Authorization: [], Log: ["json-file", "k8s-file", "local", "none"]),
            MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true,
            PidsLimit: true, IPv4Forwarding: true, Debug: options.LogLevel == "debug",
            NFd: info.OpenFiles,
            OomKillDisable: false,
            NGoroutines: info.Threads,
            SystemTime: DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"),
            LoggingDriver: logDefaults.Config.Type,
            CgroupDriver: "cgroupfs",
            CgroupVersion: info.CgroupVersion,
            NEventsListener: 0,
            KernelVersion: info.KernelVersion,
            OperatingSystem: info.OperatingSystem,
            OSVersion: "",
            OSType: "linux",
            Architecture: RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            IndexServerAddress: "https://index.docker.io/v1/",
            RegistryConfig: new RegistryConfigView(AllowNondistributableArtifactsCIDRs: [], InsecureRegistryCIDRs: ["127.0.0.0/8"], IndexConfigs: new Dictionary<string, object>(), Mirrors: []),
            NCPU: Environment.ProcessorCount,
            MemTotal: info.MemTotal,
            DockerRootDir: info.DataRoot,
            HttpProxy: Proxy("HTTP_PROXY"),
            HttpsProxy: Proxy("HTTPS_PROXY"),
            NoProxy: Proxy("NO_PROXY"),
            Name: info.Hostname,
            Labels: [],
            ExperimentalBuild: false,
            ServerVersion: ApiVersion.EngineVersion,
            Runtimes: new Dictionary<string, RuntimeView> { ["runc"] = new RuntimeView(path: options.Runtime) },
            DefaultRuntime: "runc",
            Swarm: new SwarmView(NodeID: "", NodeAddr: "", LocalNodeState: "inactive", ControlAvailable: false, Error: "", RemoteManagers: null),
            LiveRestoreEnabled: true,
            Isolation: "",
            InitBinary: "",
            ContainerdCommit: new CommitView(ID: ""),
            RuncCommit: new CommitView(ID: ""),
            InitCommit: new CommitView(ID: ""),
            SecurityOptions: ["name=seccomp,profile=default"], // every container gets the default profile unless it asks otherwise
            Warnings: ApiExposureWarnings(options)), DaemonJson.Api.InfoView);
    }

    /// <summary>
    /// The proxy the daemon's environment sets (upper or lower case, as Go's net/http reads it),
    /// its credentials masked as dockerd masks them.
    /// </summary>
    private static string Proxy(string name)
    {
        string value = Environment.GetEnvironmentVariable(name) ?? Environment.GetEnvironmentVariable(name.ToLowerInvariant()) ?? "";
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? value.Replace(uri.UserInfo + "@", "xxxxx:xxxxx@", StringComparison.Ordinal)
            : value;
    }

    /// <summary>dockerd's <c>info</c> warnings for a TCP API without encryption or without client verification.</summary>
    internal static string[] ApiExposureWarnings(DaemonOptions options)
    {
        const string attackSurface = "\n         Access to the remote API is equivalent to root access on the host. Refer\n"
            + "         to the 'Docker daemon attack surface' section in the documentation for\n"
            + "         more information: https://docs.docker.com/go/attack-surface/";
        return options.Hosts.Where(h => h.StartsWith("tcp://", StringComparison.Ordinal) && !options.Tls.VerifyClients)
            .Select(h => options.Tls.Serve
                ? $"WARNING: API is accessible on https://{h[6..]} without TLS client verification.{attackSurface}"
                : $"WARNING: API is accessible on http://{h[6..]} without encryption.{attackSurface}")
            .ToArray();
    }

    private const string GitCommit = "berth";
    // The executable's time: a Native AOT berthd has no assembly file (Assembly.Location is "").
    /// <summary>RFC 3339 with nanoseconds, as dockerd's builds stamp it; the docker CLI shows it in ANSI C's form.</summary>
    private static readonly string BuildTime = new DateTimeOffset(File.GetLastWriteTimeUtc(Environment.ProcessPath ?? AppContext.BaseDirectory))
        .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00'zzz", System.Globalization.CultureInfo.InvariantCulture);


    // The wire shapes, fields in Docker's order.
    internal sealed record VersionView(NameView Platform, ComponentView[] Components, string Version, string ApiVersion, string MinAPIVersion,
        string GitCommit, string GoVersion, string Os, string Arch, string KernelVersion, string BuildTime);

    internal sealed record NameView(string Name);

    internal sealed record ComponentView(string Name, string Version, Dictionary<string, string> Details);

    internal sealed record InfoView(string ID, int Containers, int ContainersRunning, int ContainersPaused, int ContainersStopped, int Images,
        string Driver, string[][] DriverStatus, PluginsView Plugins, bool MemoryLimit, bool SwapLimit, bool CpuCfsPeriod, bool CpuCfsQuota,
        bool CPUShares, bool CPUSet, bool PidsLimit, bool IPv4Forwarding, bool Debug, int NFd, bool OomKillDisable, int NGoroutines,
        string SystemTime, string LoggingDriver, string CgroupDriver, string CgroupVersion, int NEventsListener, string KernelVersion,
        string OperatingSystem, string OSVersion, string OSType, string Architecture, string IndexServerAddress, RegistryConfigView RegistryConfig,
        int NCPU, long MemTotal, string DockerRootDir, string HttpProxy, string HttpsProxy, string NoProxy, string Name, string[] Labels, bool ExperimentalBuild, string ServerVersion,
        Dictionary<string, RuntimeView> Runtimes, string DefaultRuntime, SwarmView Swarm, bool LiveRestoreEnabled, string Isolation,
        string InitBinary, CommitView ContainerdCommit, CommitView RuncCommit, CommitView InitCommit, string[] SecurityOptions, string[] Warnings);

    internal sealed record PluginsView(string[] Volume, string[] Network, string[] Authorization, string[] Log);

    internal sealed record RegistryConfigView(string[] AllowNondistributableArtifactsCIDRs, string[] InsecureRegistryCIDRs,
        Dictionary<string, object> IndexConfigs, string[] Mirrors);

    internal sealed record RuntimeView(string path);

    internal sealed record SwarmView(string NodeID, string NodeAddr, string LocalNodeState, bool ControlAvailable, string Error, object? RemoteManagers);

    internal sealed record CommitView(string ID);
}
