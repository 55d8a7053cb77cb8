namespace Berth.Cli.Templates.Nodes;

/// <summary>Literal text copied to the output.</summary>
internal sealed record TextNode(string Text) : Node;
