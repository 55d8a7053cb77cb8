namespace Berth.Cli.Templates.Nodes;

internal enum BranchKind
{
    If,
    Range,
    With,
}
