#!/usr/bin/env bash
# Starts an OpenLDAP server of its own (Debian package slapd) on loopback, in the background: the
# directory groupchat reads users and groups from (README, Directory), for the tests and for
# trying it out. A fresh DIR is made and loaded with the LDIF (suffix dc=groupchat,dc=test, the
# administrator cn=admin,dc=groupchat,dc=test with the password "secret"); an existing DIR is
# reused as it is. Prints the server's PID; stop it with: scripts/run-slapd.sh --stop --dir=DIR
#
# Usage: run-slapd.sh --dir=DIR [--port=10389] [--ldif=FILE] [--stop]
set -euo pipefail
dir=""; port=10389; ldif=""; stop=no
for arg in "$@"; do
    case "$arg" in
        --dir=*) dir=${arg#*=} ;;
        --port=*) port=${arg#*=} ;;
        --ldif=*) ldif=${arg#*=} ;;
        --stop) stop=yes ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
[ -n "$dir" ] || { echo "name the server's directory: --dir=DIR" >&2; exit 2; }
[ -x /usr/sbin/slapd ] || { echo "OpenLDAP is not installed (sudo apt-get install slapd ldap-utils)" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if [ "$stop" = yes ]; then
    pid=$(cat "$dir/slapd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        echo "slapd in $dir stopped"
    fi
    exit 0
fi

if [ ! -f "$dir/slapd.conf" ]; then
    mkdir -p "$dir/data"
    cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $dir/slapd.pid
database mdb
maxsize 67108864
suffix "dc=groupchat,dc=test"
rootdn "cn=admin,dc=groupchat,dc=test"
rootpw secret
directory $dir/data
index objectClass eq
index member eq
CONF
    if [ -n "$ldif" ]; then
        /usr/sbin/slapadd -q -f "$dir/slapd.conf" -l "$ldif"
    fi
fi
if [ -s "$dir/slapd.pid" ] && kill -0 "$(cat "$dir/slapd.pid")" 2>/dev/null; then
    cat "$dir/slapd.pid"
    exit 0
fi
/usr/sbin/slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/" -u "$(id -un)"
for _ in $(seq 1 50); do
    [ -s "$dir/slapd.pid" ] && break
    sleep 0.1
done
echo "slapd on ldap://127.0.0.1:$port/, pid $(cat "$dir/slapd.pid")" >&2
cat "$dir/slapd.pid"
