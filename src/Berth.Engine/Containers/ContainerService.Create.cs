using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{

    /// <summary>
    /// validate → resolve image → allocate ID and name → prepare the writable layer → persist.
    /// What the container keeps is <paramref name="config"/> and <paramref name="host"/> with
    /// Docker's defaults filled in (image config, hostname, network mode, log driver, links).
    /// </summary>
    /// <param name="endpoints">NetworkingConfig.EndpointsConfig: what the container asks of each network it starts on.</param>
    public Container Create(ContainerConfig config, HostConfig host, string? name, IReadOnlyDictionary<string, Core.Networking.EndpointConfig>? endpoints = null)
    {
        if (string.IsNullOrEmpty(config.Image))
            throw BerthException.Invalid("config cannot be empty in order to create a container");
        ValidateConfig(config);
        host = ValidateHostConfig(host);
        Image image = _images.Resolve(config.Image);
        config = MergeImageConfig(config, image);
        Networking.NetworkService.Validate(host, config);
        var wanted = EndpointsFor(host, endpoints);

        var command = (config.Entrypoint ?? []).Concat(config.Cmd ?? []).ToList();
        if (command.Count == 0)
            throw BerthException.Invalid("no command specified");

        string id = ContainerNames.NewId();
        var phases = new PhaseTimer(_log, "create", id);
        phases.Mark("validate");
        if (string.IsNullOrEmpty(config.Hostname))
            config = config with { Hostname = host.NetworkMode == "host" ? System.Net.Dns.GetHostName() : id[..12] };
        if (string.IsNullOrEmpty(host.NetworkMode) || host.NetworkMode == "default")
            host = host with { NetworkMode = "bridge" };
        // Recorded at create, as dockerd does, so inspect shows what the container runs with.
        if (!host.Privileged)
            host = host with { MaskedPaths = host.MaskedPaths ?? Runtime.DefaultSecurity.MaskedPaths, ReadonlyPaths = host.ReadonlyPaths ?? Runtime.DefaultSecurity.ReadonlyPaths };
        host = host with { LogConfig = Logs.LogOptions.WithDefaults(host.LogConfig, _logDefaults.Config) };
        var logs = Logs.LogOptions.Validate(host.LogConfig);
        string containerName = name is null ? NameGenerator.Generate() : ContainerNames.Validate(name);
        host = host with { LogConfig = host.LogConfig with { Type = logs.Driver }, Links = NormalizeLinks(host.Links, containerName) };

        var container = new Container
        {
            Id = id,
            Name = containerName,
            Created = DateTime.UtcNow,
            ImageId = image.Id,
            Config = config,
            HostConfig = host,
            Path = command[0],
            Args = command.Skip(1).ToList(),
            Endpoints = wanted,
        };
        // Volumes are chosen and the container recorded as their user with no volume removal in between.
        container = _volumes.Claim(() =>
        {
            var created = container with { Mounts = _volumes.Resolve(config, host) };
            phases.Mark("volumes");
            _snapshots.CreateContainer(id);
            Directory.CreateDirectory(_paths.ContainerDir(id));
            phases.Mark("snapshot");
            try
            {
                InsertWithFreshName(ref created, name is null);
                phases.Mark("store");
            }
            catch
            {
                _snapshots.RemoveContainer(id);
                Directory.Delete(_paths.ContainerDir(id), recursive: true);
                _volumes.RemoveAnonymous(created);
                throw;
            }
            _containers[id] = new ContainerHandle(created);
            return created;
        });
        Emit(container, "create");
        phases.Log();
        return container;
    }

    /// <summary>
    /// The endpoint settings create was given, by network name ("default" is the bridge), with
    /// Docker's refusals: aliases and fixed addresses need a user-defined network, and host,
    /// none and container: networking take no endpoint settings.
    /// </summary>
    private Dictionary<string, Core.Networking.EndpointConfig> EndpointsFor(HostConfig host, IReadOnlyDictionary<string, Core.Networking.EndpointConfig>? given)
    {
        var wanted = new Dictionary<string, Core.Networking.EndpointConfig>();
        foreach (var (key, endpoint) in given ?? new Dictionary<string, Core.Networking.EndpointConfig>())
        {
            string network = Networking.NetworkService.IsDefault(key) ? Networking.CniConfig.NetworkName : key;
            bool bridged = Networking.NetworkService.UsesBridge(host.NetworkMode);
            Networking.NetworkService.CheckUserDefinedOnly(bridged ? network : host.NetworkMode, endpoint);
            if (bridged && Networking.NetworkService.UsesBridge(network))
                wanted[_network.FindUserNetwork(network)?.Name ?? network] = endpoint;
        }
        return wanted;
    }

    // A generated name may collide with an existing one; Docker retries with a digit appended.
    private void InsertWithFreshName(ref Container container, bool generated)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _metadata.InsertContainer(container);
                return;
            }
            catch (BerthException e) when (generated && e.Kind == ErrorKind.Conflict && attempt < 10)
            {
                container = container with { Name = NameGenerator.Generate(attempt) };
            }
        }
    }

    /// <summary>Linux's HOST_NAME_MAX: sethostname refuses more.</summary>
    private const int HostNameMax = 64;

    /// <summary>
    /// Docker's refusals of a config, before anything is looked up: an image name that is
    /// not a reference (dockerd's ParseAnyReference: a client error, not a missing image), a
    /// relative working directory, a hostname the kernel would refuse at start.
    /// </summary>
    private static void ValidateConfig(ContainerConfig config)
    {
        if (!config.Image.StartsWith("sha256:", StringComparison.Ordinal) && !ObjectId.IsFull(config.Image, allowAlgorithm: false))
            ImageReference.ParseNamed(config.Image);
        if (!string.IsNullOrEmpty(config.WorkingDir) && !config.WorkingDir.StartsWith('/'))
            throw BerthException.Invalid($"the working directory '{config.WorkingDir}' is invalid, it needs to be an absolute path");
        if (config.Hostname?.Length > HostNameMax)
            throw BerthException.Invalid($"invalid hostname: longer than {HostNameMax} characters");
    }

    /// <summary>
    /// Docker's refusals of a host config; returns it with an empty restart policy as "no" and
    /// an empty runtime as the one Berth runs (named "runc" in <c>info</c>), as inspect shows.
    /// </summary>
    private HostConfig ValidateHostConfig(HostConfig host)
    {
        ValidateNamespaceModes(host);
        if (host.RestartPolicy.Name == "")
            host = host with { RestartPolicy = host.RestartPolicy with { Name = "no" } };
        if (host.Runtime == "")
            host = host with { Runtime = "runc" };
        ValidateRestartPolicy(host.RestartPolicy);
        Runtime.ResourceLimits.Validate(host, Environment.ProcessorCount);
        Runtime.UlimitRules.Validate(host.Ulimits);
        Runtime.DeviceCgroupRules.Validate(host.DeviceCgroupRules);
        Runtime.SeccompProfile.Validate(host.SecurityOpt);
        if (host.Init == true && HostLimits.InitBinary is null)
            throw BerthException.Invalid("--init: no init binary on this host (install Debian's tini)");
        if (host.AutoRemove && host.RestartPolicy.Name is "always" or "on-failure" or "unless-stopped")
            throw BerthException.Invalid("can't create 'AutoRemove' container with restart policy");
        return host;
    }

    /// <summary>Docker's restart policy names ("" is "no") and a retry count that is not negative.</summary>
    private static void ValidateRestartPolicy(RestartPolicy policy)
    {
        if (policy.Name is not ("" or "no" or "always" or "on-failure" or "unless-stopped"))
            throw BerthException.Invalid($"invalid restart policy '{policy.Name}'");
        if (policy.MaximumRetryCount < 0)
            throw BerthException.Invalid("invalid restart policy: maximum retry count cannot be negative");
    }

    /// <summary>What the client left unset, filled from the image's config, as Docker does.</summary>
    internal static ContainerConfig MergeImageConfig(ContainerConfig config, Image image)
    {
        using var doc = JsonDocument.Parse(image.Config);
        if (!doc.RootElement.TryGetProperty("config", out var element) || element.ValueKind != JsonValueKind.Object)
            return config;
        var defaults = element.Deserialize(EngineJson.Default.ContainerConfig)!;

        var entrypoint = config.Entrypoint;
        var cmd = config.Cmd;
        // --entrypoint "" arrives as [""]: an explicit empty entrypoint, not "use the image's".
        if (entrypoint is [""])
            entrypoint = [];
        if (entrypoint is null or { Count: 0 })
        {
            if (cmd is null or { Count: 0 })
                cmd = defaults.Cmd;
            entrypoint ??= defaults.Entrypoint;
        }
        return config with
        {
            Env = EnvironmentList.WithImageDefaults(config.Env ?? [], defaults.Env ?? []),
            Entrypoint = entrypoint,
            Cmd = cmd,
            WorkingDir = string.IsNullOrEmpty(config.WorkingDir) ? defaults.WorkingDir : config.WorkingDir,
            User = string.IsNullOrEmpty(config.User) ? defaults.User : config.User,
            StopSignal = string.IsNullOrEmpty(config.StopSignal) ? defaults.StopSignal : config.StopSignal,
            Labels = defaults.Labels is null ? config.Labels
                : defaults.Labels.Concat(config.Labels ?? new Dictionary<string, string>()).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            ExposedPorts = defaults.ExposedPorts is null ? config.ExposedPorts
                : defaults.ExposedPorts.Concat(config.ExposedPorts ?? new Dictionary<string, object>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            // The image's VOLUMEs and the client's (-v /path) together, as Docker merges them.
            Volumes = defaults.Volumes is null ? config.Volumes
                : defaults.Volumes.Concat(config.Volumes ?? new Dictionary<string, object>()).GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            Healthcheck = config.Healthcheck ?? defaults.Healthcheck,
            OnBuild = config.OnBuild ?? defaults.OnBuild,
        };
    }
}
