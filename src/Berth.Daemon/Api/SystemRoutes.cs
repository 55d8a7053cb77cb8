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
        return Json.Ok(Models.DiskUsageViews.Render(usage.Measure(types), containers.NetworkIdsOf));
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
        return Json.Ok(new
        {
            Platform = new { Name = "Berth Engine" },
            Components = new[] { new { Name = "Engine", Version = ApiVersion.EngineVersion, Details = details } },
            Version = ApiVersion.EngineVersion,
            ApiVersion = ApiVersion.Current,
            MinAPIVersion = ApiVersion.Minimum,
            GitCommit,
            GoVersion = RuntimeInformation.FrameworkDescription,
            Os = "linux",
            Arch = "amd64",
            KernelVersion = kernel,
            BuildTime,
        });
    }

    private static IResult Info(SystemService system, DaemonOptions options, Berth.Engine.Logs.LogDefaults logDefaults)
    {
        var info = system.Info();
        return Json.Ok(new
        {
            ID = info.Id,
            Containers = info.Containers,
            ContainersRunning = info.ContainersRunning,
            ContainersPaused = info.ContainersPaused,
            ContainersStopped = info.Containers - info.ContainersRunning - info.ContainersPaused,
            Images = info.Images,
            Driver = "overlay2",
            DriverStatus = new[] { new[] { "Backing Filesystem", "extfs" }, new[] { "Supports d_type", "true" } },
            Plugins = new { Volume = new[] { "local" }, Network = new[] { "bridge", "host", "null" }, Authorization = Array.Empty<string>(), Log = new[] { "json-file", "k8s-file", "local", "none" } },
            MemoryLimit = true, SwapLimit = true, CpuCfsPeriod = true, CpuCfsQuota = true, CPUShares = true, CPUSet = true,
            PidsLimit = true, IPv4Forwarding = true, Debug = options.LogLevel == "debug",
            NFd = info.OpenFiles,
            OomKillDisable = false,
            NGoroutines = info.Threads,
            SystemTime = DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"),
            LoggingDriver = logDefaults.Config.Type,
            CgroupDriver = "cgroupfs",
            CgroupVersion = info.CgroupVersion,
            NEventsListener = 0,
            KernelVersion = info.KernelVersion,
            OperatingSystem = info.OperatingSystem,
            OSVersion = "",
            OSType = "linux",
            Architecture = RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            IndexServerAddress = "https://index.docker.io/v1/",
            RegistryConfig = new { AllowNondistributableArtifactsCIDRs = Array.Empty<string>(), InsecureRegistryCIDRs = new[] { "127.0.0.0/8" }, IndexConfigs = new Dictionary<string, object>(), Mirrors = Array.Empty<string>() },
            NCPU = Environment.ProcessorCount,
            MemTotal = info.MemTotal,
            DockerRootDir = info.DataRoot,
            Name = info.Hostname,
            Labels = Array.Empty<string>(),
            ExperimentalBuild = false,
            ServerVersion = ApiVersion.EngineVersion,
            Runtimes = new Dictionary<string, object> { ["runc"] = new { path = options.Runtime } },
            DefaultRuntime = "runc",
            Swarm = new { NodeID = "", NodeAddr = "", LocalNodeState = "inactive", ControlAvailable = false, Error = "", RemoteManagers = (object?)null },
            LiveRestoreEnabled = true,
            Isolation = "",
            InitBinary = "",
            ContainerdCommit = new { ID = "" },
            RuncCommit = new { ID = "" },
            InitCommit = new { ID = "" },
            SecurityOptions = Array.Empty<string>(),
            Warnings = ApiExposureWarnings(options),
        });
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
    private static readonly string BuildTime = File.GetLastWriteTimeUtc(typeof(SystemRoutes).Assembly.Location).ToString("ddd MMM d HH:mm:ss yyyy");
}
