namespace Berth.Cli.Templates.Nodes;

/// <summary>
/// <c>$a, $b := cmd | cmd</c>. <see cref="Declarations"/> is empty without variables;
/// <see cref="IsAssignment"/> distinguishes <c>=</c> (assign) from <c>:=</c> (declare).
/// </summary>
internal sealed record PipelineNode(IReadOnlyList<string> Declarations, bool IsAssignment, IReadOnlyList<CommandNode> Commands) : Node;
