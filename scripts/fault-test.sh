#!/usr/bin/env bash
# The compliance fault test: nothing a user was told is stored may be missing from the archive, or
# be there twice, whatever happens to the server. Runs its own WildFly (port offset 400, fresh H2
# databases) and the JAIN-SIP drill (bench/.../FaultDrill), in two phases:
#   1. rooms post one message after another; the server is killed with kill -9 in the middle,
#      restarted, and the drill goes on (its clients reconnect) until every post is acknowledged;
#   2. the compliance queue is paused so that events pile up, more posts are made, the queue is
#      resumed and the server is killed (kill -9) while the consumer is writing them; restarted.
# Then the server is stopped and FaultCheck reads both databases and prints the counts.
# Usage: scripts/fault-test.sh [--short]   (--short: the small run CI does after the test suite)
#        scripts/fault-test.sh --pool [--short]   (the same for a pool of two nodes: scripts/pool-fault-test.sh)
# SKIP_BUILD=yes uses the EAR and bench jar already built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--pool" ]; then
    shift
    exec scripts/pool-fault-test.sh "$@"
fi

rooms=8; posts=300
if [ "${1:-}" = "--short" ]; then rooms=4; posts=60; fi
offset=${FAULT_PORT_OFFSET:-400}
sip_port=$((5060 + offset)); http_port=$((8080 + offset)); https_port=$((8443 + offset)); mgmt_port=$((9990 + offset))
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
work=bench/target/fault-test
server="$work/wildfly-${wildfly_version}"
acked="$work/acknowledged.tsv"
classpath="bench/target/groupchat-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"

if [ "${SKIP_BUILD:-no}" != yes ]; then mvn -B -q install -DskipTests; fi
if [ ! -x "$server/bin/standalone.sh" ]; then
    mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" -DoutputDirectory="$work"
fi
rm -rf "$server/standalone/data/groupchat-"* "$server/standalone/data/activemq" "$server/standalone/deployments/groupchat.ear"* "$acked"
touch "$acked"
cp ear/target/groupchat.ear "$server/standalone/deployments/"
scripts/set-user-password.sh "$server" admin admin fault-admin
scripts/set-user-password.sh "$server" auditor auditor fault-auditor
scripts/configure-server.sh "$server"

server_pid=""
start_server() {
    "$server/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.socket.binding.port-offset=$offset -Dgroupchat.sip.domain=fault.test -Dgroupchat.node.name=fault \
        >> "$work/server-console.log" 2>&1 &
    for _ in $(seq 1 120); do
        server_pid=$(pgrep -f -- "-Djboss.home.dir=$(pwd)/$server" | head -1 || true)
        if curl -sf "http://127.0.0.1:${http_port}/groupchat/api/status" > /dev/null; then return 0; fi
        sleep 1
    done
    echo "server did not start: see $work/server-console.log"; exit 1
}
kill_server() {
    kill -9 "$server_pid"
    while kill -0 "$server_pid" 2> /dev/null; do sleep 0.1; done
    server_pid=""
}
cleanup() {
    if [ -n "$server_pid" ]; then kill -9 "$server_pid" 2> /dev/null || true; fi
    if [ -n "${drill_pid:-}" ]; then kill "$drill_pid" 2> /dev/null || true; fi
}
trap cleanup EXIT
cli() { "$server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:${mgmt_port}" --command="$1"; }
queue="/deployment=groupchat.ear/subsystem=messaging-activemq/server=default/jms-queue=groupchat.compliance"
archived_chats() {
    curl -sfk -u auditor:fault-auditor "https://127.0.0.1:${https_port}/groupchat/api/audit/events?type=CHAT&size=1" \
        | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}
drill() { # ROOMS POSTS LOCAL_PORT
    java -Xmx512m -cp "$classpath" org.groupchat.bench.FaultDrill --rooms="$1" --posts="$2" --acked-file="$acked" \
        --sip-port=$sip_port --https-port=$https_port --domain=fault.test --channel-user=channel-fault \
        --admin-password=fault-admin --local-port="$3" --deadline-seconds=600
}

start_server
echo "phase 1: $rooms rooms x $posts posts, kill -9 in the middle"
drill "$rooms" "$posts" 15700 &
drill_pid=$!
half=$((rooms * posts / 2))
while [ "$(wc -l < "$acked")" -lt "$half" ]; do sleep 0.1; done
echo "  killing the server after $(wc -l < "$acked") acknowledged posts"
kill_server
start_server
wait "$drill_pid"; drill_pid=""

# The consumer archives the waiting events of several rooms (up to 100 events) in one transaction,
# several messages at once: phase 2 posts into four times as many rooms, so that the kill finds it
# with transactions still to come;
# should it still have written them all before the kill, phase 2 runs again (three times at most).
for attempt in 1 2 3; do
    echo "phase 2: compliance queue paused, $((rooms * 4)) rooms x $((posts * 2)) posts, resumed, kill -9 while the consumer writes"
    cli "$queue:pause" > /dev/null
    drill "$((rooms * 4))" "$((posts * 2))" $((15800 + attempt * 100))
    before=$(archived_chats)
    # The kill comes as soon as the consumer has written some of them (not after the CLI returns).
    cli "$queue:resume" > /dev/null 2>&1 &
    resume_pid=$!
    during=$before
    for _ in $(seq 1 1000); do
        during=$(archived_chats)
        if [ "${during:-0}" -gt "$before" ]; then break; fi
        sleep 0.02
    done
    kill_server
    wait "$resume_pid" 2> /dev/null || true
    total=$(wc -l < "$acked")
    echo "  killed with $total posts acknowledged; archived CHAT events: $before before the resume, $during at the kill"
    start_server
    if [ "$during" -lt "$total" ]; then break; fi
    if [ "$attempt" = 3 ]; then
        echo "  the consumer had finished before the kill three times: this run proves nothing about phase 2"; exit 1
    fi
    echo "  the consumer had finished before the kill: phase 2 again"
done

# Done when the queue is empty twice in a row, 3 s apart (the outbox relay runs every 2 s at most).
empty_in_a_row=0
for _ in $(seq 1 200); do
    count=$(cli "$queue:read-attribute(name=message-count)" | sed -n 's/.*"result" => \([0-9]*\)L.*/\1/p')
    if [ "$count" = 0 ]; then empty_in_a_row=$((empty_in_a_row + 1)); else empty_in_a_row=0; fi
    if [ "$empty_in_a_row" -ge 2 ]; then break; fi
    sleep 3
done
cli ":shutdown" > /dev/null
while kill -0 "$server_pid" 2> /dev/null; do sleep 0.2; done
server_pid=""

h2=$(ls "$server"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar)
data="$(pwd)/$server/standalone/data"
java -cp "$classpath:$h2" org.groupchat.bench.FaultCheck "$acked" "jdbc:h2:$data/groupchat-chat" "jdbc:h2:$data/groupchat-compliance"
