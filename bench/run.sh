#!/usr/bin/env bash
# The fan-out benchmark (TCP by default, as clients use). Builds the EAR, starts it on a WildFly of its own (port offset 300: SIP
# 5360, HTTP 8380) with a fresh H2 database, drives it with the JAIN-SIP load client, prints the
# figures, then runs the sipp-to-sipp INFO baseline (the ceiling of this machine) and stops.
#
#   bench/run.sh                                    # 10 rooms x 30, 300 posts/s, 30 s, TCP
#   bench/run.sh --rooms=1 --members=300 --rate=60 --transport=tcp
#
# Options go to the load client (org.groupchat.bench.ChatLoad): rooms, members, rate, seconds,
# warmup, transport. Set BASELINE=no to skip the sipp baseline, SERVER_OPTS to give the server
# settings (SERVER_OPTS=-Dgroupchat.compliance.enabled=false measures without compliance).
set -euo pipefail
cd "$(dirname "$0")/.."

offset=300
sip_port=$((5060 + offset))
http_port=$((8080 + offset))
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
server="bench/target/server/wildfly-${wildfly_version}"

mvn -B -q install -DskipTests
if [ ! -x "$server/bin/standalone.sh" ]; then
    mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" -DoutputDirectory=bench/target/server
fi
rm -rf "$server/standalone/data/groupchat-"* "$server/standalone/deployments/groupchat.ear"*
cp ear/target/groupchat.ear "$server/standalone/deployments/"
scripts/set-user-password.sh "$server" admin admin bench-admin
scripts/configure-server.sh "$server"

# SERVER_CPUS / CLIENT_CPUS (taskset lists, e.g. 0 and 1) keep the server and the load client off each other's cores.
pin() { local cpus=$1; shift; if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }
pin "${SERVER_CPUS:-}" "$server/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset=$offset -Dgroupchat.sip.domain=bench.test -Dgroupchat.node.name=bench ${SERVER_OPTS:-} \
    > bench/target/server-console.log 2>&1 &
launcher=$!
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    kill "$launcher" 2>/dev/null || true
}
trap stop_server EXIT

for _ in $(seq 1 120); do
    server_pid=$(pgrep -f -- "-Djboss.home.dir=$(pwd)/$server" | head -1 || true)
    if curl -sf "http://127.0.0.1:${http_port}/groupchat/api/status" > /dev/null; then break; fi
    sleep 1
done
curl -sf "http://127.0.0.1:${http_port}/groupchat/api/status" > /dev/null || { echo "server did not start: see bench/target/server-console.log"; exit 1; }
echo "server up (pid ${server_pid}), $(nproc) cores"

pin "${CLIENT_CPUS:-}" java -Xmx2g -cp "bench/target/groupchat-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.groupchat.bench.ChatLoad \
    --sip-port=$sip_port --http-port=$http_port --domain=bench.test --channel-user=channel-bench \
    --admin-password=bench-admin --server-pid="$server_pid" "$@"

if [ "${BASELINE:-yes}" != no ] && command -v sipp > /dev/null; then
    stop_server; server_pid=""
    echo "sipp-to-sipp INFO baseline (50 dialogs x 2000 INFO each):"
    for transport in u1 t1; do
        sipp -sf bench/sipp/info-uas.xml -i 127.0.0.1 -p 15960 -t "$transport" -bg -nostdin > /dev/null 2>&1 &
        sleep 1
        start=$(date +%s.%N)
        sipp 127.0.0.1:15960 -sf bench/sipp/info-uac.xml -i 127.0.0.1 -p 15961 -t "$transport" -l 50 -m 50 -r 1000 \
            -nostdin -timeout 120s > /dev/null 2>&1 || echo "  (sipp uac exited $?)"
        end=$(date +%s.%N)
        pkill -f "sipp -sf bench/sipp/info-uas.xml" || true
        echo "  ${transport/u1/udp}: $(echo "50 * 2000 / ($end - $start)" | bc) INFO transactions/s" | sed 's/t1/tcp/'
    done
fi
