namespace Berth.Cli.Templates.Nodes;

/// <summary><c>$x.A.B</c> or <c>(pipeline).A</c>: fields looked up on another operand.</summary>
internal sealed record ChainNode(Node Receiver, IReadOnlyList<string> Names, int Position) : Node;
