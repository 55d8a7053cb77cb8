namespace Berth.Cli.Templates;

/// <summary>A template failed to parse or execute; the message follows Go's "template: ..." wording.</summary>
internal sealed class TemplateException(string message) : Exception(message);
