namespace Berth.Cli.Templates;

/// <summary>A field that takes arguments, like docker's <c>{{.Label "com.example"}}</c>.</summary>
internal sealed record TemplateMethod(Func<IReadOnlyList<object?>, object?> Invoke);
