namespace Berth.IntegrationTests.Harness;

/// <summary>
/// Keys typed at a terminal: once <see cref="After"/> has appeared in the output (since the
/// previous step's text), and <see cref="DelayMs"/> later. Waiting for what the user would wait
/// for, not for a fixed time, keeps the typing right on a loaded machine: keys sent before the
/// CLI has put the terminal in raw mode are eaten by the line discipline (Ctrl-q is XON).
/// </summary>
public readonly record struct Keystrokes(string Keys, string? After = null, int DelayMs = 300);
