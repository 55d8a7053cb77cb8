using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Containers;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The Engine API's <c>Config</c> object on the wire: what create sends (at the top level of
/// its body) and what inspect shows. Fields Berth does not know are kept in <see cref="Extra"/>
/// and travel into <see cref="ContainerConfig.Extra"/>, so inspect echoes them. Not sealed:
/// <see cref="ContainerCreateRequest"/> is this plus HostConfig and NetworkingConfig.
/// </summary>
internal class ContainerConfigModel
{
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public string? User { get; init; }
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, object>? ExposedPorts { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public bool StdinOnce { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Healthcheck { get; init; }
    public string? Image { get; init; }
    public IReadOnlyDictionary<string, object>? Volumes { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? OnBuild { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? StopSignal { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Shell { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// The Core record; strings the client left out or sent as null are "". A health check
    /// Docker would refuse is a 400 here; one it takes is kept as Docker keeps it, whatever the
    /// case of its field names (<see cref="HealthcheckShape"/>).
    /// </summary>
    public ContainerConfig ToCore() => ToCoreChecked() with { Healthcheck = HealthcheckShape.Canonical(Healthcheck) };

    private ContainerConfig ToCoreChecked() => new()
    {
        Hostname = Hostname ?? "", Domainname = Domainname ?? "", User = User ?? "",
        AttachStdin = AttachStdin, AttachStdout = AttachStdout, AttachStderr = AttachStderr,
        ExposedPorts = ExposedPorts, Tty = Tty, OpenStdin = OpenStdin, StdinOnce = StdinOnce,
        Env = Env, Cmd = Cmd, Healthcheck = Healthcheck, Image = Image ?? "", Volumes = Volumes,
        WorkingDir = WorkingDir ?? "", Entrypoint = Entrypoint, OnBuild = OnBuild, Labels = Labels,
        StopSignal = StopSignal, StopTimeout = StopTimeout, Shell = Shell,
        Extra = Extra ?? new Dictionary<string, JsonElement>(),
    };

    /// <summary>
    /// As inspect shows a container's or an image's config: the lists and maps the API
    /// description types as arrays and objects are empty rather than null; <c>OnBuild</c>, which
    /// it lets be null, stays null when unset, as dockerd shows a child image's.
    /// </summary>
    public static ContainerConfigModel Inspected(ContainerConfig c) => From(c with
    {
        Env = c.Env ?? [], Cmd = c.Cmd ?? [], Volumes = c.Volumes ?? new Dictionary<string, object>(),
        Entrypoint = c.Entrypoint ?? [], Labels = c.Labels ?? new Dictionary<string, string>(),
    });

    /// <summary>The wire form of a Core record, as the record itself writes it.</summary>
    public static ContainerConfigModel From(ContainerConfig c) => new()
    {
        Hostname = c.Hostname, Domainname = c.Domainname, User = c.User,
        AttachStdin = c.AttachStdin, AttachStdout = c.AttachStdout, AttachStderr = c.AttachStderr,
        ExposedPorts = c.ExposedPorts, Tty = c.Tty, OpenStdin = c.OpenStdin, StdinOnce = c.StdinOnce,
        Env = c.Env, Cmd = c.Cmd, Healthcheck = c.Healthcheck, Image = c.Image, Volumes = c.Volumes,
        WorkingDir = c.WorkingDir, Entrypoint = c.Entrypoint, OnBuild = c.OnBuild, Labels = c.Labels,
        StopSignal = c.StopSignal, StopTimeout = c.StopTimeout, Shell = c.Shell,
        Extra = c.Extra.Count == 0 ? null : new Dictionary<string, JsonElement>(c.Extra),
    };
}
