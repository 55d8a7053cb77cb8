namespace Berth.Cli.Commands;

/// <summary>
/// Every command and every path that reaches it ("ps", "container ls", "container list"...).
/// Commands are cheap to construct: flags are only defined for the one being run.
/// </summary>
internal static class CommandRegistry
{
    public static readonly (string Name, string Description)[] Groups =
    [
        ("container", "Manage containers"),
        ("context", "Manage contexts"),
        ("image", "Manage images"),
        ("network", "Manage networks"),
        ("system", "Manage Docker"),
        ("volume", "Manage volumes"),
    ];

    /// <summary>Top-level commands in the order of the root help screen.</summary>
    public static Command[] All() =>
    [
        new RunCommand(), new PsCommand(), new PullCommand(), new PushCommand(), new LoginCommand(), new LogoutCommand(), new ImagesCommand(),
        new VersionCommand(), new InfoCommand(), new CreateCommand(), new StartCommand(), new StopCommand(),
        new RestartCommand(), new KillCommand(), new WaitCommand(), new RmCommand(), new LogsCommand(),
        new InspectCommand(), new ContainerInspectCommand(), new ImageInspectCommand(), new ImportCommand(),
        new LoadCommand(), new BuildCommand(), new SaveCommand(), new TagCommand(), new RmiCommand(), new CommitCommand(), new DiffCommand(), new ExportCommand(), new CpCommand(), new ExecCommand(),
        new AttachCommand(), new NetworkCreateCommand(), new NetworkLsCommand(), new NetworkInspectCommand(), new NetworkRmCommand(),
        new NetworkPruneCommand(), new NetworkConnectCommand(), new NetworkDisconnectCommand(), new PauseCommand(), new UnpauseCommand(),
        new RenameCommand(), new TopCommand(), new PortCommand(), new UpdateCommand(), new ContainerPruneCommand(), new BuilderPruneCommand(),
        new StatsCommand(), new EventsCommand(), new VolumeCreateCommand(), new VolumeInspectCommand(), new VolumeLsCommand(),
        new VolumePruneCommand(), new VolumeRmCommand(), new VolumeUpdateCommand(), new ImagePruneCommand(), new SystemPruneCommand(), new SystemDfCommand(),
        new ContextCreateCommand(), new ContextLsCommand(), new ContextUseCommand(), new ContextInspectCommand(), new ContextRmCommand(),
    ];

    /// <summary>Finds the command at the start of <paramref name="args"/>; <paramref name="consumed"/> words form its path.</summary>
    public static Command? Find(IReadOnlyList<string> args, out int consumed)
    {
        consumed = 0;
        if (args.Count == 0)
        {
            return null;
        }

        var isGroup = Groups.Any(g => g.Name == args[0]);
        if (isGroup && args.Count < 2)
        {
            return null;
        }

        var path = isGroup ? args[0] + " " + args[1] : args[0];
        foreach (var command in All())
        {
            if (command.Aliases.Contains(path) || (command.Aliases.Count == 0 && command.Name == path))
            {
                consumed = isGroup ? 2 : 1;
                return command;
            }
        }

        return null;
    }

    /// <summary>(name, description) of a group's subcommands, for its help screen.</summary>
    public static IEnumerable<(string Name, string Description)> InGroup(string group)
        => All().SelectMany(c => c.Aliases.Where(a => a.StartsWith(group + " ", StringComparison.Ordinal)).Take(1).Select(a => (Name: a[(group.Length + 1)..], c.Description)))
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    public static IEnumerable<(string Name, string Description)> TopLevel()
        => All().Where(c => c.Aliases.Count == 0 || c.Aliases.Contains(c.Name)).Select(c => (c.Name, c.Description))
            .DistinctBy(c => c.Name).OrderBy(c => c.Name, StringComparer.Ordinal);
}
