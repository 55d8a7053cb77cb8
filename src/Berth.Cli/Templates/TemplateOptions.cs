namespace Berth.Cli.Templates;

/// <summary>
/// Execution switches docker sets: <see cref="MissingKeyIsError"/> for <c>inspect</c>
/// (Go's <c>missingkey=error</c>), <see cref="HeaderMode"/> when rendering table headers.
/// </summary>
internal readonly record struct TemplateOptions(bool MissingKeyIsError = false, bool HeaderMode = false);
