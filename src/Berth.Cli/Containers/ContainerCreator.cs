using Berth.Cli.Commands;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Core.Images;

namespace Berth.Cli.Containers;

/// <summary>
/// docker's <c>createContainer</c>: create; if the image is missing (404) and the pull policy
/// allows, say "Unable to find image ... locally", pull with progress on stderr, and retry.
/// </summary>
internal static class ContainerCreator
{
    public static async Task<string> CreateAsync(CommandContext context, ContainerSpec spec, bool quiet, string cidFile)
    {
        if (cidFile.Length > 0 && File.Exists(cidFile))
        {
            throw new CliFailure($"container ID file found, make sure the other container isn't running or delete {cidFile}", 125);
        }

        var reference = ImageReference.TryParseNamed(spec.Image, out var parsed) ? ImageReference.WithDefaultTag(parsed) : null;
        if (spec.PullPolicy == "always" && reference is not null)
        {
            await PullAsync(context, reference, spec.Platform, quiet);
        }
        else if (spec.PullPolicy is not ("missing" or "never" or "always"))
        {
            throw new CliFailure($"invalid pull option: '{spec.PullPolicy}': must be one of \"always\", \"missing\" or \"never\"", 125);
        }

        CreateContainerResult result;
        try
        {
            result = await context.Client.CreateContainerAsync(spec.Name, spec.Platform, spec.Body, context.Cancellation);
        }
        catch (EngineApiException ex) when (ex.IsNotFound && reference is not null && spec.PullPolicy == "missing")
        {
            context.Console.Error.Write($"Unable to find image '{reference.FamiliarString}' locally\n");
            await PullAsync(context, reference, spec.Platform, quiet);
            result = await context.Client.CreateContainerAsync(spec.Name, spec.Platform, spec.Body, context.Cancellation);
        }

        foreach (var warning in result.Warnings)
        {
            context.Console.Error.Write($"WARNING: {warning}\n");
        }

        if (cidFile.Length > 0)
        {
            await File.WriteAllTextAsync(cidFile, result.Id, context.Cancellation);
        }

        return result.Id;
    }

    private static async Task PullAsync(CommandContext context, ImageReference reference, string? platform, bool quiet)
    {
        await using var stream = await context.Client.PullAsync(reference.FullName, reference.Digest ?? reference.Tag, platform, context.Cancellation);
        var output = quiet ? TextWriter.Null : context.Console.Error;
        try
        {
            await new JsonMessageRenderer(output, isTerminal: false).RenderAsync(stream, context.Cancellation);
        }
        catch (CliFailure ex)
        {
            // A failed pull inside run/create is reported like any other run error (exit 125).
            throw new CliFailure(ex.Message, 125);
        }
    }
}
