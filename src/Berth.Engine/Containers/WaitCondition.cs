using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>The <c>condition</c> of <c>POST /containers/{id}/wait</c>.</summary>
public enum WaitCondition
{
    NotRunning,
    NextExit,
    Removed,
}

public static class WaitConditions
{
    public static WaitCondition Parse(string? text) => text switch
    {
        null or "" or "not-running" => WaitCondition.NotRunning,
        "next-exit" => WaitCondition.NextExit,
        "removed" => WaitCondition.Removed,
        _ => throw BerthException.Invalid($"invalid condition: \"{text}\""),
    };
}
