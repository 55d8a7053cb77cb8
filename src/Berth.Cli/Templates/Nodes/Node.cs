namespace Berth.Cli.Templates.Nodes;

/// <summary>A node of a parsed template; the evaluator switches on the concrete type.</summary>
internal abstract record Node;
