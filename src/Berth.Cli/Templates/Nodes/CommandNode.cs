namespace Berth.Cli.Templates.Nodes;

/// <summary>One stage of a pipeline: a function or method with arguments, or a single operand.</summary>
internal sealed record CommandNode(IReadOnlyList<Node> Arguments, int Position) : Node;
