using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary>
/// One CLI command. An instance lives for one invocation: <see cref="DefineFlags"/> registers
/// typed flags into fields, the parser fills them, then <see cref="ExecuteAsync"/> runs.
/// </summary>
internal abstract class Command
{
    /// <summary>Name under its parent: "ps", "ls", "rm".</summary>
    public abstract string Name { get; }

    /// <summary>Text after the command path in "Usage:", e.g. "[OPTIONS] CONTAINER [CONTAINER...]".</summary>
    public abstract string Usage { get; }

    public abstract string Description { get; }

    /// <summary>The text under "Usage:" in the command's own help, when longer than the one-line <see cref="Description"/>.</summary>
    public virtual string LongDescription => Description;

    /// <summary>Every full path that reaches this command, listed under "Aliases:" in help.</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    public virtual ArgumentRule Arguments => ArgumentRule.None;

    /// <summary>False for commands whose trailing arguments belong to the container (<c>run IMAGE CMD -x</c>).</summary>
    public virtual bool Interspersed => true;

    public abstract void DefineFlags(FlagSet flags);

    /// <summary>Runs the command and returns the process exit code.</summary>
    public abstract Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args);
}
