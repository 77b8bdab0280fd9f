#!/usr/bin/env bash
# Starts a PostgreSQL server of its own (Debian package postgresql) on loopback for groupchat, in
# the background, with the two databases the EAR uses (groupchat_chat, groupchat_compliance) owned
# by the role groupchat (password groupchat). A fresh DIR is initialised; an existing one is reused.
# Prints the server's PID; stop it with: scripts/run-postgresql.sh --stop --dir=DIR
#
# Usage: run-postgresql.sh [--dir=DIR] [--port=5532] [--stop]
set -euo pipefail
dir=""; port=5532; stop=no
for arg in "$@"; do
    case "$arg" in
        --dir=*) dir=${arg#*=} ;;
        --port=*) port=${arg#*=} ;;
        --stop) stop=yes ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
[ -n "$dir" ] || { echo "name the server's directory: --dir=DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (sudo apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# PostgreSQL refuses to run as root: as root, the server runs as the package's user postgres.
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi

if [ "$stop" = yes ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast > /dev/null
    exit 0
fi
if [ ! -s "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
fi
# Sockets and the log in DIR: nothing outside it is touched, so several servers can run side by side.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=on" start > /dev/null
psql_() { as_owner psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ -z "$(psql_ -c "select 1 from pg_roles where rolname = 'groupchat'")" ]; then
    psql_ -c "create role groupchat login password 'groupchat'"
fi
for db in groupchat_chat groupchat_compliance; do
    if [ -z "$(psql_ -c "select 1 from pg_database where datname = '$db'")" ]; then
        psql_ -c "create database $db owner groupchat"
    fi
done
head -1 "$dir/data/postmaster.pid"
