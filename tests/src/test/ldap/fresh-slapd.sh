#!/usr/bin/env bash
# The suite's directory, fresh each run: a slapd left over from a run that was stopped is
# stopped, its data dropped, and the test directory (directory.ldif) loaded again.
# Usage: fresh-slapd.sh DIR PORT LDIF
set -euo pipefail
scripts=$(cd "$(dirname "$0")/../../../../scripts" && pwd)
"$scripts/run-slapd.sh" --stop --dir="$1" >/dev/null
rm -rf "$1"
"$scripts/run-slapd.sh" --dir="$1" --port="$2" --ldif="$3"
