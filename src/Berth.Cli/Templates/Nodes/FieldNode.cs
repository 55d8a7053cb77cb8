namespace Berth.Cli.Templates.Nodes;

/// <summary><c>.A.B</c>: fields looked up on dot.</summary>
internal sealed record FieldNode(IReadOnlyList<string> Names, int Position) : Node;
