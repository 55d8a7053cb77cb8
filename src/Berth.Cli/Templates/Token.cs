namespace Berth.Cli.Templates;

/// <summary>A lexeme; <see cref="Value"/> is the decoded text (field name without its dot, unquoted string).</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Position, int End = -1);
