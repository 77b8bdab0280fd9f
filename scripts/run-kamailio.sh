#!/usr/bin/env bash
# Starts Kamailio (Debian package kamailio) as the SIP front end of groupchat nodes, in the
# foreground, with the recipe in sip-servlets/kamailio/kamailio.cfg. Ctrl-C (or killing its PID)
# stops it. Loopback by default.
#
# Usage: run-kamailio.sh [--address=127.0.0.1] [--port=5070] [--domain=localhost] [--work=DIR] NODE=HOST:PORT...
#   NODE is a node's name (its channel-server URI is sip:channel-NODE@DOMAIN), HOST:PORT its SIP address.
#   run-kamailio.sh --port=5070 node1=127.0.0.1:5060 node2=127.0.0.1:5160
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
address=127.0.0.1; port=5070; domain=localhost; work=""
nodes=()
for arg in "$@"; do
    case "$arg" in
        --address=*) address=${arg#*=} ;;
        --port=*) port=${arg#*=} ;;
        --domain=*) domain=${arg#*=} ;;
        --work=*) work=${arg#*=} ;;
        *=*) nodes+=("$arg") ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
if [ ${#nodes[@]} -eq 0 ]; then echo "name at least one node: NODE=HOST:PORT" >&2; exit 2; fi
command -v kamailio > /dev/null || { echo "kamailio is not installed (sudo apt-get install kamailio)" >&2; exit 1; }
work=${work:-$(mktemp -d)}
mkdir -p "$work"

: > "$work/dispatcher.list"
{
    echo "route[CHANNEL] {"
    for node in "${nodes[@]}"; do
        name=${node%%=*}; target=${node#*=}
        # TCP to the nodes: XCCOS bodies (a room list, a history) outgrow a UDP datagram off
        # loopback, and one connection keeps each node's messages in order.
        echo "1 sip:${target};transport=tcp 0 0 node=${name}" >> "$work/dispatcher.list"
        user="channel-$(echo "$name" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9._-]/-/g')"
        echo "	if (\$rU == \"${user}\") {"
        echo "		\$du = \"sip:${target};transport=tcp\";"
        echo "		t_relay();"
        echo "		exit;"
        echo "	}"
    done
    echo "}"
} > "$work/channel-routes.cfg"
sed -e "s|@ADDRESS@|${address}|g" -e "s|@PORT@|${port}|g" -e "s|@DOMAIN@|${domain}|g" -e "s|@WORK@|${work}|g" \
    "$here/sip-servlets/kamailio/kamailio.cfg" > "$work/kamailio.cfg"
kamailio -c -f "$work/kamailio.cfg" > "$work/check.log" 2>&1 || { cat "$work/check.log" >&2; exit 1; }
echo "kamailio on ${address}:${port} (udp, tcp) for ${domain}, nodes: ${nodes[*]}; files in $work"
exec kamailio -f "$work/kamailio.cfg" -DD -E -m 64 -M 8 -Y "$work" -P "$work/kamailio.pid"
