using System.Text;

namespace Berth.IntegrationTests.Harness;

/// <summary>A program's stdout as it arrives, for a feed that types in answer to what it sees.</summary>
public sealed class OutputSoFar
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _matchedUpTo;

    public string Text
    {
        get { lock (_lock) return _text.ToString(); }
    }

    internal void Append(ReadOnlySpan<char> chars)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _text.Append(chars);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    internal void End() => Append([]);

    /// <summary>
    /// Waits until <paramref name="text"/> appears after the previous match; false on timeout.
    /// </summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                int at = _text.ToString().IndexOf(text, _matchedUpTo, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _matchedUpTo = at + text.Length;
                    return true;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                return false;
        }
    }
}
