#!/usr/bin/env bash
# The benchmark's own groupchat server: WildFly standalone-full with the EAR, port offset 300
# (SIP 5360, HTTP 8380), a fresh H2 database on every start, domain bench.test, node "bench",
# administrator admin / bench-admin. Used by bench/run.sh, bench/run-groupchat.sh and bench/compare.sh.
#
#   bench/groupchat-server.sh start [--build]   # builds the EAR first when missing (or asked), waits until it answers
#   KEEP_DATA=1 bench/groupchat-server.sh start # on the database of the last run (bench/preload.sh fills it)
#   DATABASE=postgresql bench/groupchat-server.sh start  # on PostgreSQL (a fresh one of its own, port 5732)
#   bench/groupchat-server.sh pid               # the server's pid, if it runs
#   bench/groupchat-server.sh stop
#
# SERVER_OPTS are extra settings (-Dgroupchat...=...), SERVER_CPUS a taskset list for the server.
set -euo pipefail
cd "$(dirname "$0")/.."

offset=300
http_port=$((8080 + offset))
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
server="bench/target/server/wildfly-${wildfly_version}"
pid_file=bench/target/server.pid

running_pid() {
    local pid
    pid=$(cat "$pid_file" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; else return 1; fi
}

case "${1:-}" in
start)
    if running_pid > /dev/null; then echo "groupchat already runs (pid $(running_pid))" >&2; exit 0; fi
    if [ "${2:-}" = --build ] || [ ! -f ear/target/groupchat.ear ]; then
        mvn -B -q install -DskipTests -DskipITs
    fi
    if [ ! -x "$server/bin/standalone.sh" ]; then
        mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" -DoutputDirectory=bench/target/server
    fi
    if [ "${KEEP_DATA:-0}" != 1 ]; then rm -rf "$server/standalone/data/groupchat-"*; fi
    rm -rf "$server/standalone/deployments/groupchat.ear"*
    cp ear/target/groupchat.ear "$server/standalone/deployments/"
    scripts/set-user-password.sh "$server" admin admin bench-admin
    database=h2
    if [ "${DATABASE:-h2}" = postgresql ]; then
        # production's database: its WAL makes a commit durable, where H2 writes its store (CHECKPOINT)
        scripts/run-postgresql.sh --stop --dir=bench/target/postgresql > /dev/null 2>&1 || true
        rm -rf bench/target/postgresql
        scripts/run-postgresql.sh --dir=bench/target/postgresql --port=5732 > /dev/null
        database=postgresql://127.0.0.1:5732
    fi
    scripts/configure-server.sh "$server" --database="$database"
    launch=("$server/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1
        -Djboss.socket.binding.port-offset=$offset -Dgroupchat.sip.domain=bench.test -Dgroupchat.node.name=bench)
    . scripts/server-sizing.sh   # the sizing run-server.sh gives too
    read -r -a extra <<< "${SERVER_OPTS:-}"
    if [ -n "${SERVER_CPUS:-}" ]; then launch=(taskset -c "$SERVER_CPUS" "${launch[@]}"); fi
    setsid "${launch[@]}" ${extra[@]+"${extra[@]}"} > bench/target/server-console.log 2>&1 < /dev/null &
    for _ in $(seq 1 180); do
        pid=$(pgrep -f -- "-Djboss.home.dir=$(pwd)/$server" | head -1 || true)
        if [ -n "$pid" ] && curl -sf "http://127.0.0.1:${http_port}/groupchat/api/status" > /dev/null; then
            echo "$pid" > "$pid_file"
            echo "groupchat up (pid $pid), $(nproc) cores" >&2
            exit 0
        fi
        sleep 1
    done
    echo "groupchat did not start: see bench/target/server-console.log" >&2
    exit 1
    ;;
pid)
    running_pid
    ;;
stop)
    if pid=$(running_pid); then
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
    scripts/run-postgresql.sh --stop --dir=bench/target/postgresql > /dev/null 2>&1 || true
    ;;
*)
    echo "usage: $0 start [--build] | pid | stop" >&2
    exit 2
    ;;
esac
