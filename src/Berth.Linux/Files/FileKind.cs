namespace Berth.Linux.Files;

/// <summary>The file type bits of a mode (S_IFMT).</summary>
public enum FileKind { Regular, Directory, Symlink, CharDevice, BlockDevice, Fifo, Socket }
