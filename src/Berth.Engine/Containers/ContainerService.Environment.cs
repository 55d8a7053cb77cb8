using Berth.Core.Containers;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// A process's environment as dockerd builds it, for the container's process and for each
    /// exec alike: PATH, HOSTNAME, TERM when the process has a terminal, the links' variables;
    /// then the container's <c>Config.Env</c> over them (a PATH or HOSTNAME given keeps its place).
    /// HOME is runc's to add, from the user's passwd entry.
    /// </summary>
    internal static List<string> ProcessEnvironment(Container c, bool tty, IReadOnlyList<LinkedContainer> links)
    {
        var env = new List<string> { DefaultPath, "HOSTNAME=" + c.Config.Hostname };
        if (tty)
            env.Add("TERM=xterm");
        env.AddRange(links.SelectMany(l => LinkEnvironment(c, l)));
        return EnvironmentList.ReplaceOrAppend(env, c.Config.Env ?? []);
    }
}
