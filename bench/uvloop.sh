#!/usr/bin/env bash
# Installs python3-uvloop (Debian's package) when /usr/bin/python3 has none: both load clients run on
# it (bench/sip_load.py, and ../shared/peer-bench's xmpp_load.py); without it each runs on asyncio's
# own loop, slower, and the client's share of every figure grows. Used by run-groupchat.sh and compare.sh.
set -euo pipefail
if ! /usr/bin/python3 -c 'import uvloop' 2> /dev/null; then
    echo "installing python3-uvloop (Debian package) for the load clients..." >&2
    apt-get update -qq && apt-get install -y -qq python3-uvloop > /dev/null
fi
