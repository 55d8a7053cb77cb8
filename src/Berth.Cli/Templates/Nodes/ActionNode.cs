namespace Berth.Cli.Templates.Nodes;

/// <summary><c>{{pipeline}}</c>: prints the value unless the pipeline declares variables.</summary>
internal sealed record ActionNode(PipelineNode Pipeline) : Node;
