#!/usr/bin/env bash
# The suite's second server: a copy of the configured H2 one (API users, TLS peers, settings) whose
# two databases are on a PostgreSQL server of its own on loopback, fresh for each build.
# Usage: prepare-server.sh SOURCE_JBOSS_HOME TARGET_JBOSS_HOME POSTGRESQL_DIR POSTGRESQL_PORT
set -euo pipefail
source_home=$1; target_home=$2; pg_dir=$3; pg_port=$4
here=$(cd "$(dirname "$0")/../../../.." && pwd)

if [ -s "$pg_dir/data/postmaster.pid" ]; then
    "$here/scripts/run-postgresql.sh" --stop --dir="$pg_dir" || true
fi
rm -rf "$pg_dir" "$target_home"
mkdir -p "$(dirname "$target_home")"
cp -a "$source_home" "$target_home"
rm -rf "$target_home/standalone/data" "$target_home/standalone/log" "$target_home/standalone/tmp"
echo "PostgreSQL for the suite's second run: pid $("$here/scripts/run-postgresql.sh" --dir="$pg_dir" --port="$pg_port"), port $pg_port"
"$here/scripts/configure-server.sh" "$target_home" --database="postgresql://127.0.0.1:$pg_port"
