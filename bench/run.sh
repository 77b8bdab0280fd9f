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
https_port=$((8443 + offset))

# The benchmark's own server (bench/groupchat-server.sh: built, fresh H2, SERVER_OPTS and SERVER_CPUS honoured).
bench/groupchat-server.sh stop
bench/groupchat-server.sh start --build
trap 'bench/groupchat-server.sh stop' EXIT
server_pid=$(bench/groupchat-server.sh pid)

# CLIENT_CPUS (a taskset list, e.g. 1) keeps the load client off the server's cores (SERVER_CPUS).
pin() { local cpus=$1; shift; if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }
pin "${CLIENT_CPUS:-}" java -Xmx2g -cp "bench/target/groupchat-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.groupchat.bench.ChatLoad \
    --sip-port=$sip_port --https-port=$https_port --domain=bench.test --channel-user=channel-bench \
    --admin-password=bench-admin --server-pid="$server_pid" "$@"

if [ "${BASELINE:-yes}" != no ] && command -v sipp > /dev/null; then
    bench/groupchat-server.sh stop
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
