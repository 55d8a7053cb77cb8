#!/usr/bin/env python3
"""Writes a config.json's linux.seccomp as libseccomp-cost's input: the default action, the
architectures, then one line per name (action, name, argument conditions), in runc's order."""
import json
import sys

ARCH = {"SCMP_ARCH_X86_64": 0xC000003E, "SCMP_ARCH_X86": 0x40000003, "SCMP_ARCH_X32": 0x4000003E}
OPS = {"SCMP_CMP_NE": 1, "SCMP_CMP_LT": 2, "SCMP_CMP_LE": 3, "SCMP_CMP_EQ": 4, "SCMP_CMP_GE": 5, "SCMP_CMP_GT": 6, "SCMP_CMP_MASKED_EQ": 7}

prof = json.load(open(sys.argv[1]))["linux"]["seccomp"]
print("%x %d %s" % (0x50000 | prof.get("defaultErrnoRet", 1), len(prof["architectures"]), " ".join("%x" % ARCH[a] for a in prof["architectures"])))
for rule in prof["syscalls"]:
    action = 0x7FFF0000 if rule["action"] == "SCMP_ACT_ALLOW" else 0x50000 | rule.get("errnoRet", 1)
    for name in rule["names"]:
        args = rule.get("args") or []
        print("%x %s %d %s" % (action, name, len(args), " ".join("%d %d %x %x" % (a["index"], OPS[a["op"]], a["value"], a.get("valueTwo", 0)) for a in args)))
