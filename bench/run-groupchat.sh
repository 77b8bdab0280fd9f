#!/usr/bin/env bash
# One fan-out run against groupchat with the lean SIP client (bench/sip_load.py); prints one result
# line with the keys of ../shared/peer-bench's, so that it reads next to ejabberd's.
#
#   bench/run-groupchat.sh ROOMS OCCUPANTS RATE SECONDS [sip_load.py options: --warmup=S, --connections=N, ...]
#
# Starts the benchmark's server (bench/groupchat-server.sh) when it is not running and stops it
# afterwards, unless PEER_KEEP=1 (as ../shared/peer-bench/run-ejabberd.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: $0 ROOMS OCCUPANTS RATE SECONDS [sip_load.py options]" >&2; exit 2; }
started=0
if ! bench/groupchat-server.sh pid > /dev/null; then
    bench/groupchat-server.sh start
    started=1
fi
cleanup() { if [ "$started" = 1 ] && [ "${PEER_KEEP:-0}" != 1 ]; then bench/groupchat-server.sh stop; fi; }
trap cleanup EXIT
bench/uvloop.sh
rooms=$1 occupants=$2 rate=$3 seconds=$4; shift 4
timeout $(( ${seconds%.*} + 900 )) /usr/bin/python3 bench/sip_load.py "$rooms" "$occupants" "$rate" "$seconds" \
    --server-pid "$(bench/groupchat-server.sh pid)" "$@"
