using Berth.Engine.Files;
using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Runtime;
using Berth.Core.Snapshots;
using Berth.Daemon;
using Berth.Daemon.Api;
using Berth.Core.Distribution;
using Berth.Engine.Build;
using Berth.Engine.Containers;
using Berth.Engine.Distribution;
using Berth.Engine.Content;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Networking;
using Berth.Engine.Registry;
using Berth.Engine.Runtime;
using Berth.Engine.Services;
using Berth.Engine.Snapshots.Overlay;
using Berth.Engine.Volumes;
using Berth.Core.Volumes;
using Berth.Linux.Cni;
using Berth.Linux.Conmon;
using Berth.Linux.Processes;
using Berth.Linux.Runc;

// berthd: all wiring is here; everything else takes what it needs through its constructor.
DaemonOptions options;
try
{
    options = DaemonOptions.Parse(args);
}
catch (BerthException e)
{
    Console.Error.WriteLine($"berthd: {e.Message}");
    return 125;
}

string runtime, conmon;
BridgeConfig bridge;
RegistryListener? registryListener;
RegistryHosts registryHosts;
Berth.Engine.Logs.LogDefaults logDefaults;
// berthd reads daemon.json, not appsettings files: none are watched for changes (that took
// three inotify watchers, each with a thread of its own).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
try
{
    registryListener = RegistryListener.Configure(builder.WebHost, options);
    registryHosts = new RegistryHosts(options.InsecureRegistries, options.RegistryMirrors);
    runtime = Executables.Find(options.Runtime);
    conmon = Executables.Find(options.Conmon);
    bridge = BridgeConfig.Parse(options.Bridge, options.Bip, options.FixedCidr, options.IPv6 ? options.FixedCidrV6 : null);
    logDefaults = Berth.Engine.Logs.LogDefaults.Create(options.LogDriver, options.LogOpts);
}
catch (BerthException e)
{
    Console.Error.WriteLine($"berthd: {e.Message}");
    return 1;
}

var paths = new DaemonPaths(Path.GetFullPath(options.DataRoot), Path.GetFullPath(options.ExecRoot));
paths.Create();
paths.MountPids();
if (options.PidFile is not null)
    AtomicFile.Write(options.PidFile, Environment.ProcessId + "\n");

builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff "; });
builder.Logging.SetMinimumLevel(options.LogLevel switch
{
    "debug" => LogLevel.Debug, "warn" => LogLevel.Warning, "error" => LogLevel.Error, "fatal" => LogLevel.Critical, _ => LogLevel.Information,
});
builder.Logging.AddFilter("Microsoft.AspNetCore", options.LogLevel == "debug" ? LogLevel.Information : LogLevel.Warning);

IReadOnlyList<string> sockets;
try
{
    sockets = SocketListener.Configure(builder.WebHost, options.Hosts, options.Tls, Console.Error);
}
catch (BerthException e)
{
    Console.Error.WriteLine($"berthd: {e.Message}");
    return 1;
}

builder.Services.AddSingleton(options);
// Kestrel's transport reads request bodies into 64 KiB blocks, not its own 4 KiB ones.
#if NET10_0_OR_GREATER
builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
#else
builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(LargeBlockTransportPool.Use);
#endif
// Streaming requests (events, logs -f, stats, attach) never end by themselves: a stop must not
// wait the host's default 30 s for them. Containers are conmon's and run on regardless.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.Services.AddSingleton(paths);
builder.Services.AddSingleton(_ => new MetadataStore(paths.Database));
builder.Services.AddSingleton<IContentStore>(_ => new ContentStore(paths.Content));
builder.Services.AddSingleton<ISnapshotter>(_ => new OverlaySnapshotter(paths.Overlay));
// The exec helper stands in for `runc exec` only: another runtime gets every exec itself.
string execHelper = Path.Combine(AppContext.BaseDirectory, "berth-exec");
var directExec = Path.GetFileName(runtime) == "runc" && File.Exists(execHelper)
    ? new Berth.Linux.Runc.DirectExec(Berth.Linux.Files.SealedCopy.Of(execHelper), Path.Combine(paths.ExecRoot, "exec-via-runc"))
    : null;
builder.Services.AddSingleton<IContainerRuntime>(_ => new RuncRuntime(new RuncClient(runtime, paths.RuntimeRoot), new ConmonLauncher(conmon), directExec));
builder.Services.AddSingleton<EventLog>();
builder.Services.AddSingleton<IImageStore, ImageStore>();
// The one table of containers: the container service changes it, the others read it.
builder.Services.AddSingleton<ContainerCatalog>();
builder.Services.AddSingleton<IContainerCatalog>(s => s.GetRequiredService<ContainerCatalog>());
builder.Services.AddSingleton<IContainerFreezer>(s => s.GetRequiredService<ContainerService>());
builder.Services.AddSingleton(options.ArchiveLimits);
builder.Services.AddSingleton(s => ActivatorUtilities.CreateInstance<ImageService>(s, options.ArchiveLimits, paths.Temp));
builder.Services.AddSingleton(_ => new RegistryClient(registryHosts, new RegistryCertificates(options.CertsDir)));
builder.Services.AddSingleton<IRegistryClient>(s => s.GetRequiredService<RegistryClient>());
builder.Services.AddSingleton<DistributionService>();
builder.Services.AddSingleton<RegistryService>();
builder.Services.AddSingleton<SystemService>();
builder.Services.AddSingleton<DiskUsageService>();
builder.Services.AddSingleton(bridge);
builder.Services.AddSingleton(options.AddressPools.Count > 0 ? new AddressPools(options.AddressPools) : AddressPools.Default);
builder.Services.AddSingleton(_ => new CniPlugin(options.CniPluginDir));
builder.Services.AddSingleton(_ => new PortAllocator());
builder.Services.AddSingleton<NetworkService>();
builder.Services.AddSingleton<IVolumeStore>(s => s.GetRequiredService<MetadataStore>());
builder.Services.AddSingleton<IVolumeDriver>(_ => new LocalVolumeDriver(paths.Volumes));
builder.Services.AddSingleton(new SubpathStage(paths.Subpaths));
builder.Services.AddSingleton<VolumeService>();
builder.Services.AddSingleton(logDefaults);
builder.Services.AddSingleton<ContainerService>();
builder.Services.AddSingleton<BuildService>();
builder.Services.AddSingleton<Berth.Core.Build.IBuildCacheUsage>(sp => sp.GetRequiredService<BuildService>());
builder.Services.AddSingleton<ContainerFileService>();
// A query or route value that does not bind (limit=abc) is thrown to ErrorMiddleware, which
// answers it with Docker's {"message"} body instead of an empty 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddHostedService<IdleMemoryTrimmer>();

var app = builder.Build();
registryListener?.Map(app); // its own port, its own errors: before the Engine API's middlewares
app.Use(ErrorMiddleware.InvokeAsync);
app.Use(VersionMiddleware.InvokeAsync);
app.UseWebSockets(); // attach/ws
app.UseRouting(); // after the version prefix is stripped
SystemRoutes.Map(app);
ContainerRoutes.Map(app);
ContainerFileRoutes.Map(app);
ImageRoutes.Map(app);
DistributionRoutes.Map(app);
NetworkRoutes.Map(app);
VolumeRoutes.Map(app);
ExecRoutes.Map(app);
EventRoutes.Map(app);
StatsRoutes.Map(app);
SwarmRoutes.Map(app);
PluginRoutes.Map(app);
BuildRoutes.Map(app);
SessionRoutes.Map(app);
// Any other path or method: dockerd's mux answers both with 404 "page not found".
app.MapFallback("{**path}", () => Task.FromException(BerthException.NotFound("page not found")));

// Orphans of the tools berthd starts come to berthd: detached execs' processes, conmon's monitors.
Subreaper.Enable();
app.Services.GetRequiredService<VolumeService>().Restore();
await app.Services.GetRequiredService<ContainerService>().RecoverAsync(CancellationToken.None);
app.Services.GetRequiredService<BuildService>().RemoveLeftovers();
// After recovery, before serving: what a crash left (and no row references) goes now.
app.Services.GetRequiredService<ImageService>().Garbage.Collect(containers: true);
await app.StartAsync();
SocketListener.Secure(sockets, options.SocketGroup);
await app.WaitForShutdownAsync();
if (options.PidFile is not null)
    File.Delete(options.PidFile);
return 0;
