#!/usr/bin/env bash
# Runs every test suite (unit, then integration + compat as root), sums the results of all
# of them, and ends with the line "N passed, M failed". Exits non-zero on any failure or
# when no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
for project in test/Berth.Tests test/Berth.IntegrationTests; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done
summary=$(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} {failed} {skipped}")
PY
)
read -r passed failed skipped <<<"$summary"
[ "${passed:-0}" -eq 0 ] && status=1
[ "${failed:-0}" -ne 0 ] && status=1
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
