namespace Berth.Cli.Templates.Nodes;

/// <summary>A constant: string, long, double, bool or nil (null).</summary>
internal sealed record LiteralNode(object? Value) : Node;
