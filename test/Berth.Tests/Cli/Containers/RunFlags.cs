using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Containers;

/// <summary>The create body's <c>HostConfig</c> that <c>run ARGS busybox</c> sends.</summary>
internal static class RunFlags
{
    public static JsonElement HostConfig(params string[] args)
    {
        var flags = new FlagSet { Interspersed = false };
        var container = new ContainerFlags(flags);
        var rest = flags.Parse([.. args, "busybox"]);
        var spec = ContainerSpecBuilder.Build(container, rest[0], [], true, _ => null);
        return JsonDocument.Parse(spec.Body).RootElement.GetProperty("HostConfig").Clone();
    }
}
