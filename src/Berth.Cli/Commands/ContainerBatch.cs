using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// docker's pattern for commands over several containers: act on each in turn, print the
/// argument (or a result) on success, collect failures and report them together with exit 1.
/// </summary>
internal static class ContainerBatch
{
    public static async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> names, Func<string, Task<string?>> action)
    {
        var errors = new List<string>();
        foreach (var name in names)
        {
            try
            {
                if (await action(name) is { } line)
                {
                    context.Console.Out.Write(line + "\n");
                }
            }
            catch (EngineApiException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        if (errors.Count == 0)
        {
            return 0;
        }

        context.Console.Flush();
        throw new CliFailure(string.Join('\n', errors));
    }
}
