namespace Berth.Cli.Templates.Nodes;

/// <summary>A parenthesized pipeline used as an operand: <c>(index .Labels "a")</c>.</summary>
internal sealed record PipeOperandNode(PipelineNode Pipeline) : Node;
