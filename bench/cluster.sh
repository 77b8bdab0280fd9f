#!/usr/bin/env bash
# The fan-out benchmark on a pool: the same load on one node and on two, side by side. Each pool
# is started fresh by scripts/run-cluster.sh (WildFly standalone-full-ha, a PostgreSQL server of
# its own, port offsets 1100 and 1200: SIP 6160 and 6260, HTTP 9180 and 9280) and stopped after.
# With two nodes the participants alternate between them, and so do the rooms' posters, so that
# most deliveries cross from one node to the other.
#
#   bench/cluster.sh                                 # 10 rooms x 30, 300 posts/s, 30 s, TCP
#   SERVER_OPTS=-Dgroupchat.compliance.enabled=false bench/cluster.sh --rate=200 --seconds=30 --warmup=40
#
# Options go to the load client (org.groupchat.bench.ChatLoad), as for bench/run.sh; SERVER_OPTS
# are settings for every node.
set -euo pipefail
cd "$(dirname "$0")/.."
first_offset=1100
work=bench/target/cluster
mvn -B -q install -DskipTests -DskipITs
read -r -a server_opts <<< "${SERVER_OPTS:-}"
for nodes in 1 2; do
    dir="$work/$nodes-nodes"
    rm -rf "$dir"; mkdir -p "$work"
    scripts/run-cluster.sh --nodes="$nodes" --first-offset=$first_offset --kamailio-port=6360 --postgresql-port=6332 \
        --domain=bench.test --work="$dir" ${server_opts[@]+"${server_opts[@]}"} > "$dir.start.log" 2>&1 \
        || { echo "the $nodes-node pool did not start: $dir.start.log"; scripts/run-cluster.sh --stop --work="$dir"; exit 1; }
    ports=""; channels=""
    for k in $(seq 1 "$nodes"); do
        ports="$ports${ports:+,}$((5060 + first_offset + 100 * (k - 1)))"
        channels="$channels${channels:+,}channel-node$k"
    done
    echo "== $nodes node(s): SIP $ports =="
    java -Xmx2g -cp "bench/target/groupchat-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.groupchat.bench.ChatLoad \
        --sip-port="$ports" --channel-user="$channels" --https-port=$((8443 + first_offset)) --domain=bench.test \
        --admin-password="$(cat "$dir/admin-password")" --server-pid="$(cat "$dir/node1/server.pid")" "$@" | tee "$dir.txt" \
        || true
    scripts/run-cluster.sh --stop --work="$dir" > /dev/null
done
echo
echo "side by side (one node | two nodes; server memory is node 1's):"
paste -d '|' "$work/1-nodes.txt" "$work/2-nodes.txt" | awk -F'|' '{ printf "  %-100s | %s\n", $1, $2 }'
