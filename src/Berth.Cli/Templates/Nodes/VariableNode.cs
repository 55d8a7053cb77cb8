namespace Berth.Cli.Templates.Nodes;

/// <summary><c>$name</c>; <c>$</c> alone is the data passed to Execute.</summary>
internal sealed record VariableNode(string Name) : Node;
