using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    // glibc x86_64 sizes of the opaque posix_spawn structures, rounded up generously.
    internal const int SpawnFileActionsSize = 128;
    internal const int SpawnAttrSize = 512;
    internal const int SigSetSize = 128;

    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
    internal const short POSIX_SPAWN_SETSID = 0x80;

    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    internal static unsafe partial int SpawnFileActionsInit(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static unsafe partial int SpawnFileActionsDestroy(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int SpawnFileActionsAddOpen(byte* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static unsafe partial int SpawnFileActionsAddDup2(byte* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    internal static unsafe partial int SpawnAttrInit(byte* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    internal static unsafe partial int SpawnAttrDestroy(byte* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    internal static unsafe partial int SpawnAttrSetFlags(byte* attr, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static unsafe partial int SpawnAttrSetSigDefault(byte* attr, byte* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    internal static unsafe partial int SpawnAttrSetSigMask(byte* attr, byte* sigset);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    internal static unsafe partial int SigFillSet(byte* sigset);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    internal static unsafe partial int SigEmptySet(byte* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    internal static unsafe partial int PosixSpawn(out int pid, byte* path, byte* actions, byte* attr, byte** argv, byte** envp);

    internal const int WNOHANG = 1;

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, out int status, int options);
}
