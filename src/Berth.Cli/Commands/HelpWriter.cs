using System.Text;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary>Help screens in the layout of docker's cobra usage template.</summary>
internal static class HelpWriter
{
    /// <summary>docker wraps flag usages one column short of 80 when stdout is not a terminal.</summary>
    private const int Columns = 79;

    public static string ForCommand(string commandPath, Command command, FlagSet flags)
    {
        var builder = new StringBuilder();
        builder.Append("Usage:  ").Append(commandPath).Append(' ').Append(command.Usage).Append("\n\n");
        builder.Append(command.LongDescription).Append('\n');
        if (command.Aliases.Count > 1)
        {
            builder.Append("\nAliases:\n  ")
                .Append(string.Join(", ", command.Aliases.Select(a => CliApplication.ProgramName + " " + a)))
                .Append('\n');
        }

        if (flags.Flags.Any(f => !f.Hidden))
        {
            builder.Append("\nOptions:\n").Append(FlagUsages.Render(flags.Flags, Columns));
        }

        return builder.ToString();
    }

    public static string ForGroup(string group, string description, IEnumerable<(string Name, string Description)> commands)
    {
        var builder = new StringBuilder();
        builder.Append("Usage:  ").Append(CliApplication.ProgramName).Append(' ').Append(group).Append(" COMMAND\n\n")
            .Append(description).Append("\n\nCommands:\n");
        AppendCommandList(builder, commands);
        builder.Append("\nRun '").Append(CliApplication.ProgramName).Append(' ').Append(group)
            .Append(" COMMAND --help' for more information on a command.\n");
        return builder.ToString();
    }

    public static string ForRoot(IEnumerable<(string Name, string Description)> commands, IEnumerable<(string Name, string Description)> groups)
    {
        var builder = new StringBuilder();
        builder.Append("Usage:  ").Append(CliApplication.ProgramName).Append(" [OPTIONS] COMMAND\n\n")
            .Append("A self-sufficient runtime for containers\n\nCommands:\n");
        AppendCommandList(builder, commands);
        builder.Append("\nManagement Commands:\n");
        AppendCommandList(builder, groups);
        builder.Append("\nGlobal Options:\n")
            .Append("  -D, --debug              Enable debug mode\n")
            .Append("  -H, --host string        Daemon socket to connect to\n")
            .Append("  -l, --log-level string   Set the logging level (\"debug\", \"info\", \"warn\",\n")
            .Append("                           \"error\", \"fatal\") (default \"info\")\n")
            .Append("  -v, --version            Print version information and quit\n")
            .Append("\nRun '").Append(CliApplication.ProgramName).Append(" COMMAND --help' for more information on a command.\n");
        return builder.ToString();
    }

    private static void AppendCommandList(StringBuilder builder, IEnumerable<(string Name, string Description)> commands)
    {
        foreach (var (name, description) in commands)
        {
            builder.Append("  ").Append(name.PadRight(11)).Append(' ').Append(description).Append('\n');
        }
    }
}
