#!/usr/bin/env bash
# The pool's fault test: nothing a user was told is stored may be missing from the history or the
# archive, or be there twice, whatever happens to the nodes of a pool or to its database. Starts a
# pool of two nodes on a PostgreSQL server of its own (scripts/run-cluster.sh, port offsets 1100
# and 1200, PostgreSQL 127.0.0.1:6432, fresh each run) and the JAIN-SIP drill (bench/.../FaultDrill)
# with two posters per room, one on each node, posting at the same time. Under that load:
#   1. one node after the other is killed with kill -9 and started again; the last one killed
#      stays dead, and posting goes on through the survivor (the drill's clients reconnect to
#      whichever node answers, as clients do through the lookup). That last node dies with
#      compliance messages in its queue (paused just before, so that its relay's batches wait
#      there): the survivor must send those events again;
#   2. the database is stopped and started again while the survivor takes posts.
# Then it waits for the outbox to empty (the dead node's queued events are sent again by the
# survivor once the registry counts the node dead) and FaultCheck reads both databases: every
# acknowledged post once in the history and once in the archive, each room's numbers 1..N, the
# archive in each room's order, the outbox empty.
# Usage: scripts/fault-test.sh --pool [--short]   (--short: the run scripts/test.sh does: 2 kills, about 4 min)
# SKIP_BUILD=yes uses the EAR and bench jar already built.
set -euo pipefail
cd "$(dirname "$0")/.."

rooms=6; kills=6; step=400
if [ "${1:-}" = "--short" ]; then rooms=3; kills=2; step=150; fi
first_offset=${POOL_FAULT_PORT_OFFSET:-1100}
kamailio_port=6460; pg_port=6432
sip_ports="$((5060 + first_offset)),$((5160 + first_offset))"
https_port=$((8443 + first_offset))
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
wildfly="bench/target/fault-test/wildfly-${wildfly_version}"
work="$(pwd)/bench/target/pool-fault-test"
acked="$work/acknowledged.tsv"
stop_posting="$work/stop-posting"
classpath="bench/target/groupchat-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"

if [ "${SKIP_BUILD:-no}" != yes ]; then mvn -B -q install -DskipTests; fi
if [ ! -x "$wildfly/bin/standalone.sh" ]; then
    mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" \
        -DoutputDirectory=bench/target/fault-test
fi
if [ -d "$work/cluster" ]; then scripts/run-cluster.sh --stop --work="$work/cluster" > /dev/null || true; fi
rm -rf "$work"
mkdir -p "$work"
touch "$acked"

cluster() {
    scripts/run-cluster.sh --nodes=2 --first-offset="$first_offset" --kamailio-port="$kamailio_port" --postgresql-port="$pg_port" \
        --domain=fault.test --work="$work/cluster" --wildfly="$wildfly" "$@" >> "$work/cluster.log" 2>&1
}
drill_pid=""
cleanup() {
    if [ -n "$drill_pid" ]; then kill "$drill_pid" 2> /dev/null || true; fi
    scripts/run-cluster.sh --stop --work="$work/cluster" > /dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "POOL FAULT TEST FAILED: $*"; exit 1; }
acked_posts() { wc -l < "$acked"; }
wait_for_acked() { # N: until N posts are acknowledged (the drill must still be posting)
    while [ "$(acked_posts)" -lt "$1" ]; do
        kill -0 "$drill_pid" 2> /dev/null || fail "the drill stopped early (see $work/drill.log)"
        sleep 0.2
    done
}
sql() { # DATABASE QUERY: one value
    psql -h 127.0.0.1 -p "$pg_port" -U groupchat -d "$1" -qAt -c "$2"
}
pause_compliance_queue() { # K: node K's compliance queue stops delivering; returns once events wait in it
    local management=$((9990 + first_offset + 100 * ($1 - 1))) waiting=0
    "$work/cluster/node$1/wildfly/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$management" \
        --command="/deployment=groupchat.ear/subsystem=messaging-activemq/server=default/jms-queue=groupchat.compliance:pause" > /dev/null
    for _ in $(seq 1 100); do
        waiting=$(sql groupchat_chat "select count(*) from compliance_outbox where sent_by = 'node$1'")
        if [ "$waiting" -gt 0 ]; then break; fi
        sleep 0.2
    done
    [ "$waiting" -gt 0 ] || fail "no events reached node$1's paused compliance queue"
    echo "  node$1's compliance queue paused: events of $(sql groupchat_chat "select count(distinct room_uri) from compliance_outbox where sent_by = 'node$1'") rooms wait in it"
}

echo "starting a pool of two nodes (offsets $first_offset and $((first_offset + 100))) and PostgreSQL on $pg_port"
cluster || fail "the pool did not start (see $work/cluster.log)"
java -Xmx512m -cp "$classpath" org.groupchat.bench.FaultDrill --rooms="$rooms" --posters=2 --until-file="$stop_posting" \
    --pause-millis=100 --acked-file="$acked" --sip-ports="$sip_ports" --channel-users=channel-node1,channel-node2 \
    --https-port="$https_port" --domain=fault.test --admin-password="$(cat "$work/cluster/admin-password")" \
    --local-port=16100 --deadline-seconds=1200 > "$work/drill.log" 2>&1 &
drill_pid=$!

echo "phase 1: $rooms rooms, a poster on each node in each; $kills kills with kill -9, the last node killed left dead"
node=2
for kill in $(seq 1 "$kills"); do
    wait_for_acked $(( $(acked_posts) + step ))
    if [ "$kill" -eq "$kills" ]; then pause_compliance_queue "$node"; fi
    pid=$(cat "$work/cluster/node$node/server.pid")
    kill -9 "$pid"
    while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
    echo "  kill $kill: node$node killed after $(acked_posts) acknowledged posts"
    if [ "$kill" -lt "$kills" ]; then
        cluster --only="$node" || fail "node$node did not start again (see $work/cluster.log)"
        echo "  node$node started again ($(acked_posts) acknowledged posts)"
    fi
    survivor=$((3 - node))
    node=$survivor
done
wait_for_acked $(( $(acked_posts) + step ))

echo "phase 2: the database stopped and started again while node$survivor takes posts"
scripts/run-postgresql.sh --stop --dir="$work/cluster/postgresql"
echo "  PostgreSQL stopped after $(acked_posts) acknowledged posts"
sleep 3
scripts/run-postgresql.sh --dir="$work/cluster/postgresql" --port="$pg_port" > /dev/null
echo "  PostgreSQL started again"
wait_for_acked $(( $(acked_posts) + step ))
touch "$stop_posting"
wait "$drill_pid" || fail "the drill did not end well (see $work/drill.log)"
drill_pid=""
tail -1 "$work/drill.log"

# Done when the outbox is empty: what the dead node's queue held is sent again once the registry
# counts it dead (6 s here), and released when the archive has it.
waiting=""
for _ in $(seq 1 120); do
    waiting=$(sql groupchat_chat "select count(*) from compliance_outbox")
    if [ "$waiting" = 0 ]; then break; fi
    sleep 1
done
echo "  outbox: $waiting events waiting; the survivor's log: $(grep -c 'had queued are sent again' \
    "$work/cluster/node$survivor/wildfly/standalone/log/server.log" || true) batches of the dead node's events sent again"
java -cp "$classpath" org.groupchat.bench.FaultCheck "$acked" "jdbc:postgresql://127.0.0.1:$pg_port/groupchat_chat" \
    "jdbc:postgresql://127.0.0.1:$pg_port/groupchat_compliance" groupchat groupchat
