#!/usr/bin/env bash
# groupchat against ejabberd on the same machine, the same shapes, back to back: one table.
#
#   bench/compare.sh                                  # the default shapes below, 30 s each
#   bench/compare.sh --seconds=20 "10 30 300" "1 300 60"
#   CONNECTIONS=2 bench/compare.sh                    # groupchat's participants over 2 shared connections (a proxy in front)
#
# A shape is "ROOMS OCCUPANTS POSTS_PER_S". ejabberd (Debian's package, MUC + MAM: every message
# archived, as groupchat's compliance archive does) runs with ../shared/peer-bench's harness and
# XMPP client; groupchat with bench/sip_load.py, one TCP connection per participant like the XMPP
# client. groupchat's JVM is warmed up first (WARMUP seconds of load, 180 by default: on two
# cores the JIT compiles for minutes, and a cold server measures the compiler). Each shape's
# figures are the client's result lines; the table puts them side by side with the ratio of
# deliveries/s. Raw lines are kept in bench/target/compare/.
set -euo pipefail
cd "$(dirname "$0")/.."
peer_bench=$(cd ../shared/peer-bench 2>/dev/null && pwd) || { echo "../shared/peer-bench is missing" >&2; exit 1; }

seconds=30
shapes=()
for arg in "$@"; do
    case "$arg" in
        --seconds=*) seconds=${arg#--seconds=} ;;
        *) shapes+=("$arg") ;;
    esac
done
if [ ${#shapes[@]} -eq 0 ]; then
    shapes=("10 30 150" "10 30 300" "10 30 450" "10 30 900" "1 300 20" "1 300 60" "1 300 90" "1 300 180")
fi
warmup=${WARMUP:-180}
out=bench/target/compare
mkdir -p "$out"
rm -f "$out"/*.txt

if ! command -v ejabberdctl > /dev/null; then
    echo "installing ejabberd (Debian package)..." >&2
    apt-get update -qq && apt-get install -y -qq ejabberd > /dev/null
fi
bench/uvloop.sh

echo "== ejabberd ($(dpkg-query -W -f='${Version}' ejabberd 2>/dev/null || echo '?'))" >&2
for shape in "${shapes[@]}"; do
    read -r rooms occupants rate <<< "$shape"
    # a fresh ejabberd for each shape: one left behind by an overloaded shape carried its backlog
    # into the next (1 x 300 at 60 posts/s gave 1,401 deliveries/s after 10 x 30 at 1,200, 16,228 alone)
    "$peer_bench/ejabberd-ctl.sh" stop > /dev/null 2>&1 || true
    PEER_KEEP=1 "$peer_bench/run-ejabberd.sh" "$rooms" "$occupants" "$rate" "$seconds" 2> "$out/ejabberd-errors.log" \
        | grep '^peer=' | tee -a "$out/ejabberd.txt" >&2 || echo "peer=ejabberd rooms=$rooms occupants=$occupants posts_per_s=$rate failed" >> "$out/ejabberd.txt"
done
"$peer_bench/ejabberd-ctl.sh" stop > /dev/null 2>&1 || true

echo "== groupchat (warming up for ${warmup} s)" >&2
bench/groupchat-server.sh stop
bench/groupchat-server.sh start --build
trap 'bench/groupchat-server.sh stop' EXIT
connections=()
if [ -n "${CONNECTIONS:-}" ]; then connections=(--connections "$CONNECTIONS"); fi
PEER_KEEP=1 bench/run-groupchat.sh 10 30 250 "$warmup" ${connections[@]+"${connections[@]}"} > "$out/warmup.txt" 2>&1 || true
for shape in "${shapes[@]}"; do
    read -r rooms occupants rate <<< "$shape"
    # up to 10,000 deliveries/s offered, also each delivery's arrival at the client's socket: the
    # client's Python reads that bring it would cost deliveries/s under load
    socket_times=()
    if awk -v r="$rate" -v o="$occupants" 'BEGIN { exit !(r * (o - 1) <= 10000) }'; then socket_times=(--socket-times); fi
    PEER_KEEP=1 bench/run-groupchat.sh "$rooms" "$occupants" "$rate" "$seconds" --warmup 10 ${connections[@]+"${connections[@]}"} \
        ${socket_times[@]+"${socket_times[@]}"} \
        2>> "$out/groupchat-errors.log" | grep '^peer=' | tee -a "$out/groupchat.txt" >&2 \
        || echo "peer=groupchat rooms=$rooms occupants=$occupants posts_per_s=$rate failed" >> "$out/groupchat.txt"
done

/usr/bin/python3 - "$out/ejabberd.txt" "$out/groupchat.txt" "$seconds" <<'PY'
import sys
def lines(path):
    rows = []
    for line in open(path):
        rows.append(dict(kv.split('=', 1) for kv in line.split() if '=' in kv))
    return rows
ejabberd, groupchat, seconds = lines(sys.argv[1]), lines(sys.argv[2]), sys.argv[3]
print()
print('same machine, back to back, %s s per shape; deliveries/s, p50 / p99 ms, lost, server RSS MB, client CPU %%' % seconds)
print('groupchat, up to 10,000 deliveries/s offered, also p50 / p99 ms of the arrival at the client\'s socket (the kernel\'s time; the XMPP client has no such figure)')
print('| shape, offered posts/s | ejabberd | groupchat (accepted posts/s, refused 503, out of order; at the socket p50 / p99 ms) | groupchat / ejabberd |')
print('|---|---|---|---|')
for e, g in zip(ejabberd, groupchat):
    shape = '%s x %s, %s' % (e.get('rooms'), e.get('occupants'), e.get('posts_per_s'))
    def side(r, extra=''):
        if 'deliveries_per_s' not in r:
            return 'failed'
        return '%s, %s / %s, %s lost, %s MB, %s%%%s' % (r['deliveries_per_s'], r['p50_ms'], r['p99_ms'], r['lost'],
                                                    r['rss_mb'], r['client_cpu_pct'], extra)
    ratio = '-'
    if 'deliveries_per_s' in e and 'deliveries_per_s' in g and float(e['deliveries_per_s']) > 0:
        ratio = '%.2f' % (float(g['deliveries_per_s']) / float(e['deliveries_per_s']))
    extra = ' (%s accepted/s, %s refused, %s out of order%s)' % (
        g.get('acked_per_s', '?'), g.get('refused', '?'), g.get('out_of_order', '?'),
        ('; at the socket %s / %s' % (g['arrival_p50_ms'], g['arrival_p99_ms'])) if 'arrival_p99_ms' in g else '')
    print('| %s | %s | %s | %s |' % (shape, side(e), side(g, extra), ratio))
PY
