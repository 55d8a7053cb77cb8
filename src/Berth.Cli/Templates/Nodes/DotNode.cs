namespace Berth.Cli.Templates.Nodes;

/// <summary><c>.</c>: the current data.</summary>
internal sealed record DotNode : Node;
