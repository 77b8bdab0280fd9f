#!/usr/bin/env bash
# The same shapes on an empty server and on one that already stores MESSAGES messages (1,000,000
# by default, bench/preload.sh): a server in use for years must deliver as fast as a new one.
#
#   bench/stored.sh                                   # 10x30 at 300 posts/s and 1x300 at 60, 30 s each
#   MESSAGES=1000000 bench/stored.sh --seconds=20 "10 30 300"
#
# Each server is warmed up first (WARMUP seconds of load, 150 by default). Prints one table with
# the ratio of the two; raw lines in bench/target/stored/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30
shapes=()
for arg in "$@"; do
    case "$arg" in
        --seconds=*) seconds=${arg#--seconds=} ;;
        *) shapes+=("$arg") ;;
    esac
done
if [ ${#shapes[@]} -eq 0 ]; then shapes=("10 30 300" "1 300 60"); fi
messages=${MESSAGES:-1000000}
warmup=${WARMUP:-150}
out=bench/target/stored
mkdir -p "$out"
rm -f "$out"/*.txt
trap 'bench/groupchat-server.sh stop' EXIT

measure() { # $1: label
    PEER_KEEP=1 bench/run-groupchat.sh 10 30 250 "$warmup" > "$out/warmup-$1.txt" 2>&1 || true
    for shape in "${shapes[@]}"; do
        read -r rooms occupants rate <<< "$shape"
        PEER_KEEP=1 bench/run-groupchat.sh "$rooms" "$occupants" "$rate" "$seconds" --warmup 10 2>> "$out/errors.log" \
            | grep '^peer=' | tee -a "$out/$1.txt" >&2 || echo "peer=groupchat rooms=$rooms occupants=$occupants failed" >> "$out/$1.txt"
    done
    bench/groupchat-server.sh stop
}

echo "== groupchat, empty database" >&2
bench/groupchat-server.sh stop
bench/groupchat-server.sh start
measure empty
echo "== groupchat, $messages messages stored" >&2
bench/preload.sh "$messages"
KEEP_DATA=1 bench/groupchat-server.sh start
measure stored

/usr/bin/python3 - "$out/empty.txt" "$out/stored.txt" "$messages" <<'PY'
import sys
rows = lambda path: [dict(kv.split('=', 1) for kv in line.split() if '=' in kv) for line in open(path)]
empty, stored, messages = rows(sys.argv[1]), rows(sys.argv[2]), int(sys.argv[3])
print()
print('deliveries/s, p50 / p99 ms, lost, server RSS MB')
print('| shape, offered posts/s | empty database | %s messages stored | stored / empty |' % format(messages, ','))
print('|---|---|---|---|')
side = lambda r: ('%s, %s / %s, %s lost, %s MB' % (r['deliveries_per_s'], r['p50_ms'], r['p99_ms'], r['lost'], r['rss_mb'])
                  if 'deliveries_per_s' in r else 'failed')
for e, s in zip(empty, stored):
    ratio = ('%.2f' % (float(s['deliveries_per_s']) / float(e['deliveries_per_s']))
             if 'deliveries_per_s' in e and 'deliveries_per_s' in s and float(e['deliveries_per_s']) else '-')
    print('| %s x %s, %s | %s | %s | %s |' % (e.get('rooms'), e.get('occupants'), e.get('posts_per_s'), side(e), side(s), ratio))
PY
