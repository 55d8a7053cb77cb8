using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Client.Streams;

namespace Berth.Cli.Containers;

/// <summary>
/// docker's stats collection: one stats stream per container, each keeping its latest sample
/// in a <see cref="ContainerStats"/>. Without names, <see cref="WatchEventsAsync"/> follows
/// container events so containers that start (or, with <c>--all</c>, are created) join the
/// table and, without <c>--all</c>, those that die leave it.
/// </summary>
internal sealed class StatsCollector(EngineClient client, bool stream, CancellationToken cancellationToken)
{
    private readonly Lock _lock = new();
    private readonly List<ContainerStats> _containers = [];
    private readonly List<Task> _firstSamples = [];

    /// <summary>Why the events stream ended, once it has: docker's <c>stats</c> then stops.</summary>
    public Exception? EventsFailure { get; private set; }

    /// <summary>Starts collecting for <paramref name="container"/> unless it is already in the table.</summary>
    public void Add(string container)
    {
        lock (_lock)
        {
            if (_containers.Any(c => c.Container == container))
            {
                return;
            }

            var stats = new ContainerStats(container);
            _containers.Add(stats);
            _firstSamples.Add(FirstSampleAsync(stats));
        }
    }

    public void Remove(string container)
    {
        lock (_lock)
        {
            _containers.RemoveAll(c => c.Container == container);
        }
    }

    public IReadOnlyList<ContainerStats> Containers()
    {
        lock (_lock)
        {
            return [.. _containers];
        }
    }

    /// <summary>Waits until every container added so far has its first sample, an error, or timed out.</summary>
    public Task WaitForFirstSamplesAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_firstSamples);
        }
    }

    /// <summary>
    /// Follows container events until cancelled; <paramref name="subscribed"/> completes once the
    /// stream is open (or failed), so a container list taken afterwards misses no container.
    /// </summary>
    public async Task WatchEventsAsync(bool all, TaskCompletionSource subscribed)
    {
        var filters = new FilterArgs();
        filters.Add("type", "container");
        try
        {
            await using var events = await client.EventsAsync(null, null, filters, cancellationToken);
            subscribed.TrySetResult();
            await foreach (var document in JsonMessageReader.ReadAllAsync(events, cancellationToken))
            {
                using (document)
                {
                    OnEvent(document.RootElement, all);
                }
            }

            // A stream the daemon ended cleanly is docker's io.EOF, an error; a cut one (IOException) is not.
            EventsFailure = new InvalidDataException("EOF");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            EventsFailure = ex;
        }
        finally
        {
            subscribed.TrySetResult();
        }
    }

    private void OnEvent(JsonElement e, bool all)
    {
        var id = e.TryGetProperty("Actor", out var actor) ? ContainerRows.Str(actor, "ID") : string.Empty;
        if (id.Length < 12)
        {
            return;
        }

        switch (ContainerRows.Str(e, "Action"))
        {
            case "create" when all:
            case "start":
                Add(id[..12]);
                break;
            case "die" when !all:
                Remove(id[..12]);
                break;
        }
    }

    private async Task FirstSampleAsync(ContainerStats stats)
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = CollectAsync(stats, first);
        try
        {
            if (await Task.WhenAny(first.Task, Task.Delay(ContainerStats.Timeout, cancellationToken)) != first.Task)
            {
                stats.TimeOut();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CollectAsync(ContainerStats stats, TaskCompletionSource first)
    {
        try
        {
            await using var body = await client.StatsAsync(stats.Container, stream, cancellationToken);
            await foreach (var document in JsonMessageReader.ReadAllAsync(body, cancellationToken))
            {
                using (document)
                {
                    stats.Update(StatsSample.FromJson(document.RootElement));
                }

                first.TrySetResult();
                if (!stream)
                {
                    return;
                }
            }

            // As docker's JSON decoder: a stream that ends (the container stopped) is an "EOF" error.
            stats.Fail("EOF");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (EngineApiException ex)
        {
            stats.Fail("Error response from daemon: " + ex.Message);
        }
        catch (Exception ex)
        {
            stats.Fail(ex.Message);
        }
        finally
        {
            first.TrySetResult();
        }
    }
}
