using Berth.Core.Containers;

namespace Berth.Engine.Build;

/// <summary>
/// The state of the stage being built (moby's <c>dispatchState</c>): the image so far (null while
/// on <c>FROM scratch</c> with nothing committed), the run config every step starts from, the
/// stage's declared build args with their values, and its SHELL.
/// </summary>
internal sealed class BuildStage(string? name)
{
    public string? Name { get; } = name;
    public string? ImageId { get; set; }
    public ContainerConfig Config { get; set; } = new();
    /// <summary>ARGs declared in this stage, with the value each gets (build-arg, default, or none).</summary>
    public Dictionary<string, string?> Args { get; } = new(StringComparer.Ordinal);
    /// <summary>CMD was set in this stage, so a later ENTRYPOINT keeps it.</summary>
    public bool CmdSet { get; set; }
    public string? Maintainer { get; set; }

    public IReadOnlyList<string> Shell => Config.Shell is { Count: > 0 } shell ? shell : ["/bin/sh", "-c"];

    /// <summary>Variables for substitution: the declared args, then the config's env over them.</summary>
    public Dictionary<string, string> Variables()
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Args)
            if (v is not null)
                vars[k] = v;
        foreach (string e in Config.Env ?? [])
        {
            int eq = e.IndexOf('=');
            if (eq > 0)
                vars[e[..eq]] = e[(eq + 1)..];
        }
        return vars;
    }
}
