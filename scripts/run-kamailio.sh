#!/usr/bin/env bash
# Starts Kamailio (Debian packages kamailio and kamailio-tls-modules) as the SIP front end of
# groupchat nodes, in the foreground, with the recipe in sip-servlets/kamailio/kamailio.cfg.
# Ctrl-C (or killing its PID) stops it. Loopback by default.
#
# Usage: run-kamailio.sh [--address=127.0.0.1] [--port=5070] [--tls-port=PORT+1] [--domain=localhost] [--work=DIR]
#                        --users=DIR --certificate=PEM --key=PEM [--nodes-ca=PEM] NODE=HOST:PORT...
#        run-kamailio.sh [...] --development NODE=HOST:PORT...
#   NODE is a node's name (its channel-server URI is sip:channel-NODE@DOMAIN), HOST:PORT its SIP
#   address: its TLS port, or with --development its TCP port.
#   --users: the users file's directory (scripts/set-kamailio-user.sh fills it); every user is
#     authenticated (SIP digest) and asserted to the nodes as P-Asserted-Identity.
#   --certificate, --key: Kamailio's key pair (PEM), which it presents to the nodes over TLS; put
#     the certificate into each node's trust store (groupchat-sip-peers.p12), and run the nodes
#     with groupchat.sip.identity=trusted-proxies (production.cli does).
#   --nodes-ca: the certificates Kamailio trusts the nodes' by (PEM; a node's own is
#     standalone/configuration/groupchat-sip.pem); without it Kamailio does not check them.
#   --development: no authentication and plain TCP to the nodes, for nodes in identity=open on
#     loopback (pidgin-sipe, which speaks no SIP digest, and the tests' pool): whoever reaches
#     Kamailio can then claim to be anyone.
#   run-kamailio.sh --port=5070 --domain=chat.example.org --users=/etc/groupchat/users \
#       --certificate=front.pem --key=front-key.pem node1=10.0.0.11:5061 node2=10.0.0.12:5061
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
address=127.0.0.1; port=5070; tls_port=""; domain=localhost; work=""
users=""; certificate=""; key=""; nodes_ca=""; development=no
nodes=()
for arg in "$@"; do
    case "$arg" in
        --address=*) address=${arg#*=} ;;
        --port=*) port=${arg#*=} ;;
        --tls-port=*) tls_port=${arg#*=} ;;
        --domain=*) domain=${arg#*=} ;;
        --work=*) work=${arg#*=} ;;
        --users=*) users=${arg#*=} ;;
        --certificate=*) certificate=${arg#*=} ;;
        --key=*) key=${arg#*=} ;;
        --nodes-ca=*) nodes_ca=${arg#*=} ;;
        --development) development=yes ;;
        *=*) nodes+=("$arg") ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
if [ ${#nodes[@]} -eq 0 ]; then echo "name at least one node: NODE=HOST:PORT" >&2; exit 2; fi
command -v kamailio > /dev/null || { echo "kamailio is not installed (sudo apt-get install kamailio kamailio-tls-modules)" >&2; exit 1; }
tls_port=${tls_port:-$((port + 1))}
defines=()
if [ "$development" = yes ]; then
    echo "development front end: users are NOT authenticated and the nodes are reached over plain TCP (nodes in groupchat.sip.identity=open only)" >&2
    transport=tcp
else
    if [ -z "$users" ] || [ ! -f "$users/subscriber" ]; then
        echo "no users file: --users=DIR, filled by scripts/set-kamailio-user.sh DIR USER DOMAIN PASSWORD (or --development)" >&2; exit 2
    fi
    for pem in "$certificate" "$key"; do
        if [ -z "$pem" ] || [ ! -r "$pem" ]; then
            echo "Kamailio's key pair is needed to reach the nodes over TLS: --certificate=PEM --key=PEM (or --development)" >&2; exit 2
        fi
    done
    # absolute: Kamailio reads them from its own working directory
    users=$(realpath "$users"); certificate=$(realpath "$certificate"); key=$(realpath "$key")
    [ -z "$nodes_ca" ] || nodes_ca=$(realpath "$nodes_ca")
    defines=(-A WITH_DIGEST -A WITH_TLS_TO_NODES)
    transport=tls
fi
work=${work:-$(mktemp -d)}
mkdir -p "$work"

if [ "$transport" = tls ]; then
    {
        echo "# TLS for clients (no client certificate asked) and toward the nodes (Kamailio's own presented)."
        echo "[server:default]"
        echo "method = TLSv1.2+"
        echo "verify_certificate = no"
        echo "require_certificate = no"
        echo "certificate = $certificate"
        echo "private_key = $key"
        echo "[client:default]"
        echo "method = TLSv1.2+"
        echo "certificate = $certificate"
        echo "private_key = $key"
        if [ -n "$nodes_ca" ]; then
            echo "verify_certificate = yes"
            echo "require_certificate = yes"
            echo "ca_list = $nodes_ca"
        else
            echo "verify_certificate = no"
            echo "require_certificate = no"
        fi
    } > "$work/tls.cfg"
    [ -n "$nodes_ca" ] || echo "warning: no --nodes-ca: Kamailio does not check the nodes' certificates" >&2
fi

: > "$work/dispatcher.list"
{
    echo "route[CHANNEL] {"
    for node in "${nodes[@]}"; do
        name=${node%%=*}; target=${node#*=}
        # TCP or TLS to the nodes: XCCOS bodies (a room list, a history) outgrow a UDP datagram off
        # loopback, and one connection keeps each node's messages in order.
        echo "1 sip:${target};transport=${transport} 0 0 node=${name}" >> "$work/dispatcher.list"
        user="channel-$(echo "$name" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9._-]/-/g')"
        echo "	if (\$rU == \"${user}\") {"
        echo "		\$du = \"sip:${target};transport=${transport}\";"
        echo "		t_relay();"
        echo "		exit;"
        echo "	}"
    done
    echo "}"
} > "$work/channel-routes.cfg"
sed -e "s|@ADDRESS@|${address}|g" -e "s|@PORT@|${port}|g" -e "s|@TLS_PORT@|${tls_port}|g" -e "s|@DOMAIN@|${domain}|g" \
    -e "s|@WORK@|${work}|g" -e "s|@USERS@|${users}|g" \
    "$here/sip-servlets/kamailio/kamailio.cfg" > "$work/kamailio.cfg"
if ! kamailio -c "${defines[@]}" -f "$work/kamailio.cfg" > "$work/check.log" 2>&1; then
    cat "$work/check.log" >&2
    # the usual cause: a module that is not installed (tls.so comes with kamailio-tls-modules)
    echo "kamailio refused the recipe (above); is kamailio-tls-modules installed?" >&2
    exit 1
fi
if [ "$transport" = tls ]; then
    echo "kamailio on ${address}:${port} (udp, tcp) and ${address}:${tls_port} (tls) for ${domain}, users in ${users}, nodes over TLS: ${nodes[*]}; files in $work"
else
    echo "kamailio on ${address}:${port} (udp, tcp) for ${domain}, development (no authentication), nodes over TCP: ${nodes[*]}; files in $work"
fi
exec kamailio "${defines[@]}" -f "$work/kamailio.cfg" -DD -E -m 64 -M 8 -Y "$work" -P "$work/kamailio.pid"
