/*
 * berth-exec: starts a process inside a running container as `runc exec --detach` would,
 * without runc's Go start-up, nsexec round trips and per-exec seccomp compilation.
 *
 * berthd decides what the process gets (from the container's runc state and the exec's
 * process spec) and passes it as options; this program only applies it, in runc's order
 * (libcontainer/setns_init_linux.go, init_linux.go finalizeNamespace):
 *
 *   helper (host)                                  child (in the container's namespaces)
 *   non-dumpable, re-exec from a sealed memfd
 *   open log, pid file, console socket, ns fds
 *   join cgroups, oom_score_adj, rlimits
 *   setns ipc uts net pid mnt cgroup
 *   fork ---------------------------------------->  setsid, terminal, session keyring
 *   |                                               no_new_privs, seccomp (without nnp)
 *   |                                               bounding set, groups, gid, uid, cwd
 *   |                                               caps, ambient, seccomp (with nnp)
 *   |                                               fds >= 3 close-on-exec, PATH lookup, execve
 *   |<-- error pipe: EOF (exec'd) or the reason ---'
 *   pid file, exit 0 (the process is re-parented to berthd, the subreaper)
 *   or the reason in the log as runc's JSON, exit 255
 *
 * `berth-exec --dump-seccomp PID FILE` writes the seccomp filter the container's init runs
 * under (runc's compiled profile, ENOSYS patch and all) to FILE, for the execs to load.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif
#ifndef PTRACE_SECCOMP_GET_METADATA
#define PTRACE_SECCOMP_GET_METADATA 0x420d
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef KEYCTL_JOIN_SESSION_KEYRING
#define KEYCTL_JOIN_SESSION_KEYRING 1
#endif

#define MAX_LIST 256

static const char *log_path;
static int log_fd = -1;

/* runc's log line ({"level":"error","msg":...}), which berthd turns into Docker's message. */
static void write_log(const char *msg)
{
    if (log_fd < 0)
        return;
    char buf[8192];
    size_t n = 0;
    n += snprintf(buf + n, sizeof buf - n, "{\"level\":\"error\",\"msg\":\"");
    for (const char *p = msg; *p && n < sizeof buf - 64; p++) {
        if (*p == '"' || *p == '\\')
            buf[n++] = '\\';
        buf[n++] = *p;
    }
    n += snprintf(buf + n, sizeof buf - n, "\"}\n");
    ssize_t rc = write(log_fd, buf, n);
    (void)rc;
}

static void die(const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (log_fd < 0) {
        fprintf(stderr, "berth-exec: %s\n", msg);
    } else {
        /* As runc words a failure before the process runs; stderr is the process's own. */
        char line[4200];
        snprintf(line, sizeof line, "exec failed: unable to start container process: %s", msg);
        write_log(line);
    }
    _exit(255);
}

/*
 * CVE-2019-5736: a process in the container that can open /proc/<pid>/exe of this program
 * could write to the host's binary. Run from a sealed in-memory copy instead, as runc does.
 */
static void ensure_cloned(char **argv)
{
    char self[64];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        if (strncmp(self, "/memfd:", 7) == 0)
            return;
    }
    int src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (src < 0)
        die("open /proc/self/exe: %s", strerror(errno));
    struct stat st;
    if (fstat(src, &st) < 0)
        die("fstat /proc/self/exe: %s", strerror(errno));
    int mem = memfd_create("berth-exec", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mem < 0)
        die("memfd_create: %s", strerror(errno));
    for (off_t left = st.st_size; left > 0;) {
        ssize_t w = sendfile(mem, src, NULL, left);
        if (w <= 0)
            die("copying the helper: %s", strerror(errno));
        left -= w;
    }
    close(src);
    if (fcntl(mem, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
        die("sealing the helper: %s", strerror(errno));
    extern char **environ;
    fexecve(mem, argv, environ);
    die("fexecve: %s", strerror(errno));
}

/* Writes the filter PID runs under (exactly one) to FILE: flags (u32), then the instructions. */
static int dump_seccomp(pid_t pid, const char *file)
{
    if (ptrace(PTRACE_SEIZE, pid, 0, 0) < 0)
        die("ptrace seize %d: %s", pid, strerror(errno));
    if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0)
        die("ptrace interrupt %d: %s", pid, strerror(errno));
    int status;
    while (waitpid(pid, &status, __WALL) < 0)
        if (errno != EINTR)
            die("waitpid %d: %s", pid, strerror(errno));
    long count = ptrace(PTRACE_SECCOMP_GET_FILTER, pid, 0, NULL);
    struct sock_filter *prog = NULL;
    struct { uint64_t filter_off; uint64_t flags; } meta = { 0, 0 };
    int err = 0;
    if (count <= 0)
        err = count < 0 ? errno : ENOENT;
    else if (ptrace(PTRACE_SECCOMP_GET_FILTER, pid, 1, NULL) >= 0)
        err = E2BIG; /* more than one filter: not runc's alone */
    else if (!(prog = calloc(count, sizeof *prog)) || ptrace(PTRACE_SECCOMP_GET_FILTER, pid, 0, prog) != count)
        err = errno ? errno : EIO;
    else if (ptrace(PTRACE_SECCOMP_GET_METADATA, pid, sizeof meta, &meta) < 0)
        err = errno;
    ptrace(PTRACE_DETACH, pid, 0, 0);
    if (err)
        die("reading the seccomp filter of %d: %s", pid, strerror(err));
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.%d", file, getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        die("open %s: %s", tmp, strerror(errno));
    uint32_t flags = (uint32_t)meta.flags;
    if (write(fd, &flags, sizeof flags) != sizeof flags ||
        write(fd, prog, count * sizeof *prog) != (ssize_t)(count * sizeof *prog) || close(fd) < 0 ||
        rename(tmp, file) < 0) {
        unlink(tmp);
        die("write %s: %s", file, strerror(errno));
    }
    return 0;
}

struct options {
    pid_t init;
    const char *pid_file, *console_socket, *seccomp_file, *keyring, *cwd;
    unsigned short rows, cols;
    const char *cgroups[MAX_LIST];
    int ncgroups;
    struct { int resource; struct rlimit limit; } rlimits[MAX_LIST];
    int nrlimits;
    const char *oom_score_adj;
    int no_new_privs;
    uint64_t caps[5]; /* bounding, effective, permitted, inheritable, ambient */
    int has_caps;
    uid_t uid;
    gid_t gid;
    gid_t groups[MAX_LIST];
    int ngroups;
    int umask;
    char *env[4096];
    int nenv;
    char **args;
};

static unsigned long long number(const char *s, int base)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || end == s || *end)
        die("bad number %s", s);
    return v;
}

static void parse(int argc, char **argv, struct options *o)
{
    int i;
    memset(o, 0, sizeof *o);
    o->umask = -1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--no-new-privs") == 0) {
            o->no_new_privs = 1;
            continue;
        }
        if (!v)
            die("%s needs a value", a);
        i++;
        if (strcmp(a, "--log") == 0) log_path = v;
        else if (strcmp(a, "--pid-file") == 0) o->pid_file = v;
        else if (strcmp(a, "--console-socket") == 0) o->console_socket = v;
        else if (strcmp(a, "--console-size") == 0) {
            if (sscanf(v, "%hux%hu", &o->rows, &o->cols) != 2)
                die("bad console size %s", v);
        }
        else if (strcmp(a, "--init") == 0) o->init = (pid_t)number(v, 10);
        else if (strcmp(a, "--cgroup") == 0 && o->ncgroups < MAX_LIST) o->cgroups[o->ncgroups++] = v;
        else if (strcmp(a, "--rlimit") == 0 && o->nrlimits < MAX_LIST) {
            unsigned long long soft, hard;
            int r;
            if (sscanf(v, "%d,%llu,%llu", &r, &soft, &hard) != 3)
                die("bad rlimit %s", v);
            o->rlimits[o->nrlimits].resource = r;
            o->rlimits[o->nrlimits].limit.rlim_cur = soft;
            o->rlimits[o->nrlimits++].limit.rlim_max = hard;
        }
        else if (strcmp(a, "--oom-score-adj") == 0) o->oom_score_adj = v;
        else if (strcmp(a, "--seccomp") == 0) o->seccomp_file = v;
        else if (strcmp(a, "--keyring") == 0) o->keyring = v;
        else if (strcmp(a, "--caps") == 0) {
            unsigned long long c[5];
            if (sscanf(v, "%llx,%llx,%llx,%llx,%llx", &c[0], &c[1], &c[2], &c[3], &c[4]) != 5)
                die("bad caps %s", v);
            for (int k = 0; k < 5; k++)
                o->caps[k] = c[k];
            o->has_caps = 1;
        }
        else if (strcmp(a, "--uid") == 0) o->uid = (uid_t)number(v, 10);
        else if (strcmp(a, "--gid") == 0) o->gid = (gid_t)number(v, 10);
        else if (strcmp(a, "--group") == 0 && o->ngroups < MAX_LIST) o->groups[o->ngroups++] = (gid_t)number(v, 10);
        else if (strcmp(a, "--cwd") == 0) o->cwd = v;
        else if (strcmp(a, "--umask") == 0) o->umask = (int)number(v, 8);
        else if (strcmp(a, "--env") == 0 && o->nenv < 4094) o->env[o->nenv++] = (char *)v;
        else die("unknown option %s", a);
    }
    if (i >= argc)
        die("no command");
    if (!o->init)
        die("--init is required");
    o->args = argv + i;
}

static const char *env_get(struct options *o, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < o->nenv; i++)
        if (strncmp(o->env[i], name, n) == 0 && o->env[i][n] == '=')
            return o->env[i] + n + 1;
    return NULL;
}

/* runc sets HOME, when the environment lacks it, from the container's passwd (else "/"). */
static void add_home(struct options *o)
{
    static char home[PATH_MAX + 8];
    if (env_get(o, "HOME"))
        return;
    const char *dir = "/";
    FILE *f = fopen("/etc/passwd", "re");
    char line[4096];
    static char found[PATH_MAX];
    while (f && fgets(line, sizeof line, f)) {
        char *field[7];
        int n = 0;
        char *save, *p = line;
        line[strcspn(line, "\n")] = 0;
        for (; n < 7; n++) {
            field[n] = p;
            char *colon = strchr(p, ':');
            if (!colon) { n++; break; }
            *colon = 0;
            p = colon + 1;
        }
        (void)save;
        if (n >= 6 && field[2][0] && strtoul(field[2], NULL, 10) == o->uid) {
            snprintf(found, sizeof found, "%s", field[5]);
            dir = found;
            break;
        }
    }
    if (f)
        fclose(f);
    snprintf(home, sizeof home, "HOME=%s", dir);
    o->env[o->nenv++] = home;
}

static int report_fd = -1;

/* An errno as Go words it (runc's messages): glibc's text with a lower-case first letter. */
static const char *goerr(int e)
{
    static char buf[128];
    snprintf(buf, sizeof buf, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z')
        buf[0] += 'a' - 'A';
    return buf;
}

/* In the child: tells the helper why the process could not start, then ends. */
static void fail(const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof msg - 1)
        n = sizeof msg - 1;
    ssize_t rc = write(report_fd, msg, n);
    (void)rc;
    _exit(1);
}

/* The console: runc's setupConsole (a pty from the container's /dev/ptmx, master to berthd). */
static void setup_console(int sock, struct options *o)
{
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        fail("open /dev/ptmx: %s", goerr(errno));
    char name[PATH_MAX];
    if (unlockpt(master) < 0 || ptsname_r(master, name, sizeof name) != 0)
        fail("ptsname: %s", goerr(errno));
    if (o->rows && o->cols) {
        struct winsize ws = { .ws_row = o->rows, .ws_col = o->cols };
        ioctl(master, TIOCSWINSZ, &ws);
    }
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = { .iov_base = name, .iov_len = strlen(name) };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &master, sizeof(int));
    if (sendmsg(sock, &msg, 0) < 0)
        fail("send the console: %s", goerr(errno));
    close(master);
    close(sock);
    int slave = open(name, O_RDWR | O_CLOEXEC);
    if (slave < 0)
        fail("open %s: %s", name, goerr(errno));
    for (int fd = 0; fd < 3; fd++)
        if (dup3(slave, fd, 0) < 0)
            fail("dup3: %s", goerr(errno));
    close(slave);
    if (ioctl(0, TIOCSCTTY, 0) < 0)
        fail("ioctl TIOCSCTTY: %s", goerr(errno));
}

static void load_seccomp(struct sock_filter *prog, unsigned short len, uint32_t flags)
{
    struct sock_fprog fprog = { .len = len, .filter = prog };
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog) < 0)
        fail("error loading seccomp filter into kernel: %s", goerr(errno));
}

/* runc's fixStdioPermissions: the user must own its stdio (the group stays), /dev/null aside. */
static void own_stdio(struct options *o)
{
    struct stat null;
    if (stat("/dev/null", &null) < 0)
        fail("stat /dev/null: %s", goerr(errno));
    for (int fd = 0; fd < 3; fd++) {
        struct stat st;
        if (fstat(fd, &st) < 0)
            fail("fstat %d: %s", fd, goerr(errno));
        if (st.st_rdev == null.st_rdev)
            continue;
        if (fchown(fd, o->uid, st.st_gid) < 0 && errno != EINVAL && errno != EPERM)
            fail("fchown %d: %s", fd, goerr(errno));
    }
}

/* Go's findExecutable as runc 1.1 has it: any x bit on a non-directory. */
static int executable(const char *file, struct stat *st)
{
    if (stat(file, st) < 0)
        return errno;
    return !S_ISDIR(st->st_mode) && (st->st_mode & 0111) ? 0 : EACCES;
}

/* Go's exec.LookPath as runc 1.1 calls it, with its error texts. */
static void look_path(const char *file, char *out, size_t size, const char *path_env)
{
    struct stat st;
    if (strchr(file, '/')) {
        int err = executable(file, &st);
        if (err == EACCES)
            fail("exec: \"%s\": %s", file, goerr(err));
        if (err)
            fail("exec: \"%s\": stat %s: %s", file, file, goerr(err));
        snprintf(out, size, "%s", file);
        return;
    }
    const char *p = path_env ? path_env : "";
    for (;;) {
        const char *end = strchrnul(p, ':');
        int n = (int)(end - p);
        if (n == 0)
            snprintf(out, size, "./%s", file);
        else
            snprintf(out, size, "%.*s/%s", n, p, file);
        if (executable(out, &st) == 0)
            return;
        if (!*end)
            break;
        p = end + 1;
    }
    fail("exec: \"%s\": executable file not found in $PATH", file);
}

static void child(struct options *o, int console, struct sock_filter *prog, unsigned short prog_len, uint32_t prog_flags, int last_cap)
{
    sigset_t none;
    sigemptyset(&none);
    for (int s = 1; s < NSIG; s++)
        signal(s, SIG_DFL);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (setsid() < 0)
        fail("setsid: %s", goerr(errno));
    if (console >= 0)
        setup_console(console, o);
    if (o->keyring && syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, o->keyring) < 0 && errno != ENOSYS)
        fail("unable to join session keyring: %s", goerr(errno));
    if (o->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        fail("set nonewprivileges: %s", goerr(errno));
    if (prog && !o->no_new_privs)
        load_seccomp(prog, prog_len, prog_flags);
    /* CVE-2024-21626: nothing of the helper's but stdio reaches the process. */
    if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        fail("close_range: %s", goerr(errno));
    if (o->has_caps)
        for (int c = 0; c <= last_cap; c++)
            if (!(o->caps[0] >> c & 1) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
                fail("drop bounding capability %d: %s", c, goerr(errno));
    int chdir_later = 0;
    if (o->cwd && chdir(o->cwd) < 0) {
        if (errno != EACCES && errno != EPERM)
            fail("chdir to cwd (\"%s\") set in config.json failed: %s", o->cwd, goerr(errno));
        chdir_later = 1;
    }
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        fail("keepcaps: %s", goerr(errno));
    own_stdio(o);
    if (setgroups(o->ngroups, o->groups) < 0)
        fail("setgroups: %s", goerr(errno));
    if (syscall(SYS_setgid, o->gid) < 0)
        fail("setgid: %s", goerr(errno));
    if (syscall(SYS_setuid, o->uid) < 0)
        fail("setuid: %s", goerr(errno));
    /* A uid change makes the process dumpable again when fs.suid_dumpable says so: not before execve. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (chdir_later && chdir(o->cwd) < 0)
        fail("chdir to cwd (\"%s\") set in config.json failed: %s", o->cwd, goerr(errno));
    if (o->has_caps) {
        struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
        struct __user_cap_data_struct d[2];
        for (int k = 0; k < 2; k++) {
            d[k].effective = (uint32_t)(o->caps[1] >> (32 * k));
            d[k].permitted = (uint32_t)(o->caps[2] >> (32 * k));
            d[k].inheritable = (uint32_t)(o->caps[3] >> (32 * k));
        }
        if (syscall(SYS_capset, &h, d) < 0)
            fail("capset: %s", goerr(errno));
        for (int c = 0; c <= last_cap; c++)
            prctl(PR_CAP_AMBIENT, (o->caps[4] >> c & 1) ? PR_CAP_AMBIENT_RAISE : PR_CAP_AMBIENT_LOWER, c, 0, 0);
    }
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
        fail("keepcaps: %s", goerr(errno));
    if (o->umask >= 0)
        umask(o->umask);
    char path[PATH_MAX];
    look_path(o->args[0], path, sizeof path, env_get(o, "PATH"));
    if (prog && o->no_new_privs)
        load_seccomp(prog, prog_len, prog_flags);
    o->env[o->nenv] = NULL;
    execve(path, o->args, o->env);
    fail("exec %s: %s", path, goerr(errno));
}

static const char *const namespaces[] = { "ipc", "uts", "net", "pid", "mnt", "cgroup" };

int main(int argc, char **argv)
{
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* CVE-2016-9962: nothing in the container may ptrace us */
    if (argc == 4 && strcmp(argv[1], "--dump-seccomp") == 0)
        return dump_seccomp((pid_t)number(argv[2], 10), argv[3]);
    ensure_cloned(argv);

    struct options o;
    parse(argc, argv, &o);
    if (log_path && (log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0)
        die("open %s: %s", log_path, goerr(errno));
    int pid_fd = -1;
    if (o.pid_file && (pid_fd = open(o.pid_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
        die("open %s: %s", o.pid_file, goerr(errno));
    int console = -1;
    if (o.console_socket) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        snprintf(addr.sun_path, sizeof addr.sun_path, "%s", o.console_socket);
        console = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (console < 0 || connect(console, (struct sockaddr *)&addr, sizeof addr) < 0)
            die("connect to the console socket: %s", goerr(errno));
    }
    int last_cap = 40;
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &last_cap) != 1)
            last_cap = 40;
        fclose(f);
    }

    /* The seccomp filter: read while the host's filesystem is ours. */
    struct sock_filter *prog = NULL;
    unsigned short prog_len = 0;
    uint32_t prog_flags = 0;
    if (o.seccomp_file) {
        int fd = open(o.seccomp_file, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0)
            die("open %s: %s", o.seccomp_file, goerr(errno));
        size_t n = st.st_size - sizeof prog_flags;
        if (st.st_size < (off_t)sizeof prog_flags || n % sizeof *prog || n / sizeof *prog > BPF_MAXINSNS || n == 0)
            die("bad seccomp file %s", o.seccomp_file);
        prog = malloc(n);
        if (!prog || read(fd, &prog_flags, sizeof prog_flags) != sizeof prog_flags || read(fd, prog, n) != (ssize_t)n)
            die("read %s: %s", o.seccomp_file, goerr(errno));
        prog_len = (unsigned short)(n / sizeof *prog);
        close(fd);
    }

    /* The container's namespaces, opened before any is joined (they are the init's). */
    int ns_fd[6];
    for (int i = 0; i < 6; i++) {
        char p[64], own[64];
        struct stat theirs, ours;
        snprintf(p, sizeof p, "/proc/%d/ns/%s", o.init, namespaces[i]);
        snprintf(own, sizeof own, "/proc/self/ns/%s", namespaces[i]);
        ns_fd[i] = -1;
        if (stat(p, &theirs) < 0) {
            if (errno == ENOENT && i == 5)
                continue; /* no cgroup namespaces in this kernel */
            die("stat %s: %s", p, goerr(errno));
        }
        if (stat(own, &ours) == 0 && ours.st_ino == theirs.st_ino && ours.st_dev == theirs.st_dev)
            continue;
        if ((ns_fd[i] = open(p, O_RDONLY | O_CLOEXEC)) < 0)
            die("open %s: %s", p, goerr(errno));
    }
    {
        /* A user namespace is runc's to handle: berthd never sends one here. */
        char p[64];
        struct stat theirs, ours;
        snprintf(p, sizeof p, "/proc/%d/ns/user", o.init);
        if (stat(p, &theirs) < 0 || stat("/proc/self/ns/user", &ours) < 0 || theirs.st_ino != ours.st_ino)
            die("the container has a user namespace of its own");
    }

    /* What the child inherits: cgroups (all of the container's, as runc joins them), oom score, rlimits. */
    char me[32];
    int melen = snprintf(me, sizeof me, "%d", getpid());
    for (int i = 0; i < o.ncgroups; i++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/cgroup.procs", o.cgroups[i]);
        int fd = open(p, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT)
                continue; /* runc skips a path that is not there */
            die("open %s: %s", p, goerr(errno));
        }
        if (write(fd, me, melen) != melen)
            die("failed to write %s to %s: %s", me, p, goerr(errno));
        close(fd);
    }
    if (o.oom_score_adj) {
        int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
        size_t n = strlen(o.oom_score_adj);
        if (fd < 0 || write(fd, o.oom_score_adj, n) != (ssize_t)n)
            die("write oom_score_adj: %s", goerr(errno));
        close(fd);
    }
    for (int i = 0; i < o.nrlimits; i++)
        if (setrlimit(o.rlimits[i].resource, &o.rlimits[i].limit) < 0)
            die("error setting rlimit type %d: %s", o.rlimits[i].resource, goerr(errno));

    static const int types[] = { CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWNS, CLONE_NEWCGROUP };
    for (int i = 0; i < 6; i++)
        if (ns_fd[i] >= 0) {
            if (setns(ns_fd[i], types[i]) < 0)
                die("failed to setns to /proc/%d/ns/%s: %s", o.init, namespaces[i], goerr(errno));
            close(ns_fd[i]);
        }
    add_home(&o);

    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0)
        die("pipe: %s", goerr(errno));
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", goerr(errno));
    if (pid == 0) {
        close(report[0]);
        report_fd = report[1];
        if (log_fd >= 0)
            close(log_fd);
        if (pid_fd >= 0)
            close(pid_fd);
        child(&o, console, prog, prog_len, prog_flags, last_cap);
    }
    close(report[1]);
    if (console >= 0)
        close(console);
    char why[4096];
    size_t got = 0;
    for (;;) {
        ssize_t n = read(report[0], why + got, sizeof why - 1 - got);
        if (n > 0 && (got += n) < sizeof why - 1)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    if (got > 0) {
        why[got] = 0;
        waitpid(pid, NULL, 0);
        char msg[4200];
        snprintf(msg, sizeof msg, "exec failed: unable to start container process: %s", why);
        write_log(msg);
        return 255;
    }
    if (pid_fd >= 0) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%d", pid);
        if (write(pid_fd, buf, n) != n || close(pid_fd) < 0)
            die("write the pid file: %s", goerr(errno));
    }
    return 0;
}
