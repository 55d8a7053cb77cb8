namespace Berth.Cli.Templates.Nodes;

/// <summary>A sequence of nodes (the template body, a branch body).</summary>
internal sealed record ListNode(List<Node> Nodes) : Node;
