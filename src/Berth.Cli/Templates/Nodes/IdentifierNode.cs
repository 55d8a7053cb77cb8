namespace Berth.Cli.Templates.Nodes;

/// <summary>A function name such as <c>json</c> or <c>printf</c>.</summary>
internal sealed record IdentifierNode(string Name) : Node;
