namespace Berth.Cli.Commands;

/// <summary>docker's <c>PromptForConfirmation</c>: "MESSAGE [y/N] " on stdout, then one line of stdin; "y" or "yes" confirms.</summary>
internal static class Confirmation
{
    public static bool Ask(CommandContext context, string message)
    {
        context.Console.Out.Write(message + " [y/N] ");
        context.Console.Flush();
        using var stdin = new StreamReader(context.Console.OpenStdin());
        var answer = stdin.ReadLine()?.Trim().ToLowerInvariant();
        return answer is "y" or "yes";
    }
}
