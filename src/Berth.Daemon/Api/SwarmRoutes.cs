using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The swarm API (<c>/swarm</c>, <c>/services</c>, <c>/nodes</c>, <c>/tasks</c>, <c>/secrets</c>,
/// <c>/configs</c>) as an inactive Docker node answers it, which SDKs expect in their cleanup
/// paths: 503 with Docker's "not a swarm manager" message, and for <c>leave</c> 503 <c>This
/// node is not part of a swarm</c>. Berth runs no swarm (its scale-out path
/// is a Kubernetes node runtime), so <c>init</c> and <c>join</c> say so instead of starting one.
/// </summary>
internal static class SwarmRoutes
{
    private const string NotInSwarm = "This node is not part of a swarm";

    private const string NotManager =
        "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.";

    private static readonly string[] s_objects = ["services", "nodes", "tasks", "secrets", "configs"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/swarm/init", Unsupported);
        app.MapPost("/swarm/join", Unsupported);
        app.MapGet("/swarm", NoSwarm);
        app.MapPost("/swarm/leave", () => Unavailable(NotInSwarm));
        app.MapPost("/swarm/update", NoSwarm);
        app.MapPost("/swarm/unlock", NoSwarm);
        app.MapGet("/swarm/unlockkey", NoSwarm);
        foreach (string objects in s_objects)
        {
            app.MapGet("/" + objects, NoSwarm);
            app.MapGet($"/{objects}/{{id}}", NoSwarm);
            app.MapDelete($"/{objects}/{{id}}", NoSwarm);
            app.MapPost($"/{objects}/{{id}}/update", NoSwarm);
        }
        app.MapPost("/services/create", NoSwarm);
        app.MapPost("/secrets/create", NoSwarm);
        app.MapPost("/configs/create", NoSwarm);
        app.MapGet("/services/{id}/logs", NoSwarm);
        app.MapGet("/tasks/{id}/logs", NoSwarm);
    }

    private static IResult NoSwarm() => Unavailable(NotManager);

    private static IResult Unavailable(string message) => throw new BerthException(ErrorKind.Unavailable, message);

    private static IResult Unsupported() =>
        throw new BerthException(ErrorKind.NotImplemented, "Berth does not support swarm mode: this node is not part of a swarm");
}
