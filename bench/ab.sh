#!/usr/bin/env bash
# Two builds of groupchat on the same shapes, alternating (A, B, A, B, ...), each on its own warm
# benchmark server: where one run differs from the next by more than a change does, the server's
# own counters over a run say more than deliveries/s. Each line is bench/run-groupchat.sh's result
# line plus the server's context switches (all its threads, /proc/PID/task/*/status) and CPU time
# over the run, per expected delivery.
#
#   bench/ab.sh OLD.ear NEW.ear "1 300 20" "10 30 150"      # 2 rounds
#   ROUNDS=3 WARMUP=150 bench/ab.sh OLD.ear NEW.ear "10 30 276"
#
# Build the other EAR in a worktree: git worktree add /tmp/old HEAD~1 && (cd /tmp/old && mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 A.ear B.ear \"ROOMS OCCUPANTS RATE\"..." >&2; exit 2; }
ears=("$(realpath "$1")" "$(realpath "$2")")
shift 2
shapes=("$@")
ear=ear/target/groupchat.ear
saved=$(mktemp)
if [ -f "$ear" ]; then cp "$ear" "$saved"; fi
restore() {
    bench/groupchat-server.sh stop > /dev/null 2>&1 || true
    if [ -s "$saved" ]; then cp "$saved" "$ear"; fi
    rm -f "$saved"
}
trap restore EXIT
mkdir -p "$(dirname "$ear")"

# a thread may end between the glob and the read: what is left is counted
context_switches() { { cat /proc/"$1"/task/*/status 2> /dev/null || true; } | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' /proc/"$1"/stat; }

measure() { # $1: label, $2: EAR
    bench/groupchat-server.sh stop > /dev/null 2>&1 || true
    cp "$2" "$ear"
    bench/groupchat-server.sh start > /dev/null
    local pid
    pid=$(bench/groupchat-server.sh pid)
    PEER_KEEP=1 bench/run-groupchat.sh 10 30 150 "${WARMUP:-150}" > /dev/null 2>&1 || true
    sleep 20
    local tick_us=$((1000000 / $(getconf CLK_TCK)))
    for shape in "${shapes[@]}"; do
        read -r rooms occupants rate <<< "$shape"
        local switches ticks line expected
        switches=$(context_switches "$pid")
        ticks=$(cpu_ticks "$pid")
        line=$(PEER_KEEP=1 bench/run-groupchat.sh "$rooms" "$occupants" "$rate" 20 --warmup 10 2> /dev/null | grep '^peer=' || true)
        switches=$(( $(context_switches "$pid") - switches ))
        ticks=$(( $(cpu_ticks "$pid") - ticks ))
        expected=$(sed -n 's/.* expected=\([0-9]*\).*/\1/p' <<< "$line")
        if [ -z "$expected" ] || [ "$expected" = 0 ]; then echo "$1 rooms=$rooms occupants=$occupants posts_per_s=$rate failed"; continue; fi
        echo "$1 $line context_switches_per_delivery=$(awk -v s="$switches" -v d="$expected" 'BEGIN { printf "%.2f", s / d }')" \
            "cpu_us_per_delivery=$(awk -v t="$ticks" -v u="$tick_us" -v d="$expected" 'BEGIN { printf "%.0f", t * u / d }')"
    done
}

for _ in $(seq 1 "${ROUNDS:-2}"); do
    measure A "${ears[0]}"
    measure B "${ears[1]}"
done
