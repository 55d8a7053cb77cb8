namespace Berth.Cli.Templates.Nodes;

/// <summary><c>{{if}}</c>, <c>{{range}}</c> or <c>{{with}}</c> with its body and optional <c>{{else}}</c>.</summary>
internal sealed record BranchNode(BranchKind Kind, PipelineNode Pipeline, ListNode Body, ListNode? Else) : Node;
