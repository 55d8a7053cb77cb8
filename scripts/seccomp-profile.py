#!/usr/bin/env python3
"""Writes src/Berth.Engine/Runtime/Data/seccomp-default.json, Berth's default seccomp profile.

The profile is an allow-list in Docker's profile format, equivalent in effect to Docker's
default: everything the kernel's syscall tables name is allowed except what Docker refuses;
what it refuses fails with EPERM, and is allowed back when the container holds the
capability that governs it. The syscall names come from the kernel headers
(linux-libc-dev) for x86_64, i386 and x32, plus the calls added since those headers.
Run it again when the rules below change; the output is deterministic.
"""
import json
import re
import sys
from pathlib import Path

HEADERS = [f"/usr/include/x86_64-linux-gnu/asm/unistd_{a}.h" for a in ("64", "32", "x32")]
# Newer than Debian 12's headers (6.1): unknown names are skipped by runc, and runc answers
# ENOSYS for numbers above the profile's highest, so libc falls back as it should.
NEWER = ["cachestat", "fchmodat2", "map_shadow_stack", "futex_wake", "futex_wait", "futex_requeue",
         "statmount", "listmount", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal"]

# Refused whatever the capabilities: the kernel's keyring (not namespaced), obsolete or
# information-leaking calls, userfaultfd (exploit primitive), io_uring (as Docker 25+).
REFUSED = ["add_key", "keyctl", "request_key", "sysfs", "_sysctl", "uselib", "userfaultfd", "ustat",
           "vm86", "vm86old", "io_uring_setup", "io_uring_enter", "io_uring_register", "nfsservctl",
           "create_module", "get_kernel_syms", "query_module"]

# Allowed only with one of the capabilities.
BY_CAPABILITY = [
    (["acct"], ["CAP_SYS_PACCT"]),
    (["bpf"], ["CAP_SYS_ADMIN", "CAP_BPF"]),
    (["clock_adjtime", "clock_adjtime64", "clock_settime", "clock_settime64", "settimeofday", "stime", "adjtimex"], ["CAP_SYS_TIME"]),
    (["delete_module", "finit_module", "init_module"], ["CAP_SYS_MODULE"]),
    (["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"], ["CAP_SYS_NICE"]),
    (["ioperm", "iopl"], ["CAP_SYS_RAWIO"]),
    (["kcmp", "pidfd_getfd"], ["CAP_SYS_PTRACE"]),
    (["kexec_file_load", "kexec_load", "reboot"], ["CAP_SYS_BOOT"]),
    (["lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
      "name_to_handle_at", "pivot_root", "quotactl", "quotactl_fd", "setns", "swapon", "swapoff", "umount", "umount2",
      "unshare", "setdomainname", "sethostname", "fanotify_init"], ["CAP_SYS_ADMIN"]),
    (["open_by_handle_at"], ["CAP_DAC_READ_SEARCH"]),
    (["perf_event_open"], ["CAP_SYS_ADMIN", "CAP_PERFMON"]),
    (["syslog"], ["CAP_SYSLOG"]),
    (["vhangup"], ["CAP_SYS_TTY_CONFIG"]),
]

# Allowed only with certain arguments (and with every argument given the capability).
CLONE_NAMESPACES = 0x7E020000  # CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
PERSONALITIES = [0x0, 0x8, 0x20000, 0x20008, 0xFFFFFFFF]  # linux, linux32, uname26 variants, query
AF_VSOCK = 40
CONDITIONAL = ["clone", "clone3", "personality", "socket"]


def syscall_names():
    names = set(NEWER)
    for header in HEADERS:
        names.update(re.findall(r"^#define __NR_(\w+)\s", Path(header).read_text(), re.M))
    return names


def numbers(header):
    return {m[0]: int(m[1]) for m in re.findall(r"^#define __NR_(\w+)\s+(\d+)\s*$", Path(header).read_text(), re.M)}


def by_number(names):
    """The names in descending i386, then x86_64 syscall number (then the newer ones).

    The same filter as any order, made for less: runc adds one libseccomp rule per name in the
    profile's order, and libseccomp 2.5 adds them with the least work in descending number
    order (the most in ascending: it keeps each architecture's syscalls sorted by number).
    This saves runc 1-2 ms of CPU at each container start (bench/runc-spec.md).
    """
    i386, x86_64 = numbers(HEADERS[1]), numbers(HEADERS[0])
    return sorted(names, key=lambda n: (-i386.get(n, -1), -x86_64.get(n, -1), n))


def main(out):
    restricted = set(REFUSED) | {n for group, _ in BY_CAPABILITY for n in group} | set(CONDITIONAL)
    allowed = by_number(syscall_names() - restricted)
    rules = [{"names": allowed, "action": "SCMP_ACT_ALLOW"}]
    for group, caps in BY_CAPABILITY:
        for cap in caps:  # "includes" needs every cap listed; one rule per cap means "any of them"
            rules.append({"names": group, "action": "SCMP_ACT_ALLOW", "includes": {"caps": [cap]}})
    rules += [
        {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "comment": "without namespace flags",
         "args": [{"index": 0, "value": CLONE_NAMESPACES, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
         "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["clone", "clone3"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
         "comment": "ENOSYS, so that libc falls back to clone, whose flags can be checked",
         "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
        *({"names": ["personality"], "action": "SCMP_ACT_ALLOW",
           "args": [{"index": 0, "value": p, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]} for p in PERSONALITIES),
        {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "comment": "any family but AF_VSOCK (reaches the host)",
         "args": [{"index": 0, "value": AF_VSOCK, "valueTwo": 0, "op": "SCMP_CMP_NE"}]},
    ]
    profile = {
        "comment": "Berth's default seccomp profile, in Docker's profile format, generated by scripts/seccomp-profile.py. "
                   "An allow-list equivalent in effect to Docker's default: calls that reach the host's kernel state, its "
                   "clock, its modules, other processes' memory or new namespaces are allowed only with the capability "
                   "that governs them; everything else the kernel offers is allowed; the rest fails with EPERM.",
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 1,
        "syscalls": rules,
    }
    Path(out).write_text(json.dumps(profile, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/Berth.Engine/Runtime/Data/seccomp-default.json")
