#!/usr/bin/env bash
# Starts a pool of groupchat nodes on loopback: a PostgreSQL server of its own with the shared
# databases, N WildFly standalone-full-ha nodes (Artemis clustered over JGroups TCP, each node's
# ports shifted by its offset), and Kamailio in front. Returns once every node answers; the
# processes keep running in the background, their PIDs and logs under the work directory.
# Stop them with: run-cluster.sh --stop [--work=DIR]
# Start one node of a running pool again (after it died or was killed): run-cluster.sh --only=K
# with the pool's other arguments; it is not configured again, and the rest is left as it is.
#
# Usage: run-cluster.sh [--nodes=2] [--first-offset=500] [--work=server/cluster] [--domain=localhost]
#                       [--kamailio-port=5960] [--postgresql-port=5932] [--ear=ear/target/groupchat.ear]
#                       [--wildfly=DIR (an unpacked WildFly; default: the one run-server.sh unpacks)]
#                       [-Dkey=value ... (settings for every node)]
#   Node K (1..N) is named nodeK, its port offset is FIRST-OFFSET + 100*(K-1): with the defaults
#   node1 has SIP 5560, HTTP 8580, management 10490 and node2 SIP 5660, HTTP 8680, management 10590.
#   Clients use Kamailio (the lookup sip:ocschat@DOMAIN); the nodes' API users are admin and
#   auditor with the passwords in WORK/admin-password and WORK/auditor-password.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nodes=2; first_offset=500; work="$here/server/cluster"; domain=localhost
kamailio_port=5960; pg_port=5932; ear="$here/ear/target/groupchat.ear"; wildfly=""; stop=no; only=""
settings=()
for arg in "$@"; do
    case "$arg" in
        --nodes=*) nodes=${arg#*=} ;;
        --first-offset=*) first_offset=${arg#*=} ;;
        --work=*) work=${arg#*=} ;;
        --domain=*) domain=${arg#*=} ;;
        --kamailio-port=*) kamailio_port=${arg#*=} ;;
        --postgresql-port=*) pg_port=${arg#*=} ;;
        --ear=*) ear=${arg#*=} ;;
        --wildfly=*) wildfly=${arg#*=} ;;
        --stop) stop=yes ;;
        --only=*) only=${arg#*=} ;;
        -D*) settings+=("$arg") ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
mkdir -p "$work"
work=$(cd "$work" && pwd)

stop_pid_file() { # FILE: stops the process whose PID the file holds, if it still runs
    local file=$1 pid
    [ -s "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2> /dev/null; then
        kill "$pid" 2> /dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2> /dev/null || true
    fi
    rm -f "$file"
}
if [ "$stop" = yes ]; then
    stop_pid_file "$work/kamailio.pid"
    for pid_file in "$work"/node*/server.pid; do stop_pid_file "$pid_file"; done
    if [ -s "$work/postgresql/data/postmaster.pid" ]; then "$here/scripts/run-postgresql.sh" --stop --dir="$work/postgresql"; fi
    echo "cluster in $work stopped"
    exit 0
fi

wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$here/pom.xml")
if [ -z "$wildfly" ]; then
    wildfly="$here/server/wildfly-${wildfly_version}"
    if [ ! -x "$wildfly/bin/standalone.sh" ]; then
        (cd "$here" && mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true \
            -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" -DoutputDirectory=server)
    fi
fi
[ -f "$ear" ] || (cd "$here" && mvn -B -q install -DskipTests -DskipITs)

password_in() { # FILE: a password generated once and kept in FILE
    [ -s "$1" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$1")
    cat "$1"
}
admin_password=$(password_in "$work/admin-password")
auditor_password=$(password_in "$work/auditor-password")
cluster_password=$(password_in "$work/cluster-password")

start_node() { # K: starts node K's server in the background (its log is appended to)
    local node="node$1" offset=$((first_offset + 100 * ($1 - 1)))
    # LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh writes the Java process's own PID to JBOSS_PIDFILE.
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/$node/server.pid" \
        JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djboss.messaging.cluster.password=$cluster_password" \
        setsid nohup "$work/$node/wildfly/bin/standalone.sh" -c standalone-full-ha.xml \
        -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate 127.0.0.1 \
        -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="$node" \
        -Dgroupchat.node.name="$node" -Dgroupchat.sip.domain="$domain" \
        -Dgroupchat.registry.heartbeat-seconds=2 -Dgroupchat.registry.stale-seconds=6 \
        -Dgroupchat.files.directory="$work/files" \
        ${settings[@]+"${settings[@]}"} >> "$work/$node/console.log" 2>&1 < /dev/null &
}
wait_for_node() { # K: returns once node K answers, fails if it stopped or did not start in 3 minutes
    local node="node$1" http=$((8080 + first_offset + 100 * ($1 - 1)))
    for _ in $(seq 1 180); do
        if curl -fs "http://127.0.0.1:$http/groupchat/api/status" > /dev/null; then return 0; fi
        if [ -s "$work/$node/server.pid" ] && ! kill -0 "$(cat "$work/$node/server.pid")" 2> /dev/null; then
            echo "$node stopped while starting: $work/$node/console.log" >&2; exit 1
        fi
        sleep 1
    done
    echo "$node did not start: $work/$node/console.log" >&2; exit 1
}
wait_for_pool() { # returns once every node tells the others what happens on it (status: publishingToPool)
    [ "$nodes" -gt 1 ] || return 0
    local k http
    for k in $(seq 1 "$nodes"); do
        http=$((8080 + first_offset + 100 * (k - 1)))
        for _ in $(seq 1 60); do
            curl -fs "http://127.0.0.1:$http/groupchat/api/status" | grep -q '"publishingToPool":true' && continue 2
            sleep 0.5
        done
        echo "node$k does not see the other nodes after 30 s: $work/node$k/wildfly/standalone/log/server.log" >&2; exit 1
    done
}
if [ -n "$only" ]; then
    stop_pid_file "$work/node$only/server.pid"
    start_node "$only"
    wait_for_node "$only"
    wait_for_pool
    echo "node$only started again"
    exit 0
fi

echo "PostgreSQL on 127.0.0.1:${pg_port}: pid $("$here/scripts/run-postgresql.sh" --dir="$work/postgresql" --port="$pg_port")"

# JGroups over TCP on loopback: each node finds the others at their jgroups-tcp ports (7600 + offset).
jgroups_cli=$(mktemp)
trap 'rm -f "$jgroups_cli"' EXIT
{
    echo "embed-server --server-config=standalone-full-ha.xml --std-out=discard"
    echo "/subsystem=jgroups/channel=ee:write-attribute(name=stack, value=tcp)"
    echo "if (outcome == success) of /subsystem=jgroups/stack=tcp/protocol=MPING:read-resource"
    echo "    /subsystem=jgroups/stack=tcp/protocol=MPING:remove"
    echo "end-if"
    bindings=()
    for k in $(seq 1 "$nodes"); do
        echo "if (outcome != success) of /socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=groupchat-node$k:read-resource"
        echo "    /socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=groupchat-node$k:add(host=127.0.0.1, port=$((7600 + first_offset + 100 * (k - 1))))"
        echo "end-if"
        bindings+=("groupchat-node$k")
    done
    echo "if (outcome == success) of /subsystem=jgroups/stack=tcp/protocol=TCPPING:read-resource"
    echo "    /subsystem=jgroups/stack=tcp/protocol=TCPPING:remove"
    echo "end-if"
    echo "/subsystem=jgroups/stack=tcp/protocol=TCPPING:add(add-index=0, socket-bindings=[$(IFS=,; echo "${bindings[*]}")])"
    echo "/subsystem=messaging-activemq/server=default:write-attribute(name=cluster-password, value=\"\${jboss.messaging.cluster.password}\")"
    echo "stop-embedded-server"
} > "$jgroups_cli"

sip_targets=()
for k in $(seq 1 "$nodes"); do
    node="node$k"; offset=$((first_offset + 100 * (k - 1))); home="$work/$node/wildfly"
    stop_pid_file "$work/$node/server.pid"
    if [ ! -x "$home/bin/standalone.sh" ]; then
        mkdir -p "$work/$node"
        cp -a "$wildfly" "$home"
        rm -rf "$home/standalone/data" "$home/standalone/log" "$home/standalone/tmp" "$home/standalone/deployments/"*
        # a copy of a configured server keeps its key pair, not the peers it trusted (add them with -D settings)
        rm -f "$home/standalone/configuration/groupchat-sip-peers.p12"
    fi
    "$here/scripts/set-user-password.sh" "$home" admin admin "$admin_password"
    "$here/scripts/set-user-password.sh" "$home" auditor auditor "$auditor_password"
    "$here/scripts/configure-server.sh" "$home" --config=standalone-full-ha.xml --database="postgresql://127.0.0.1:$pg_port"
    JAVA_OPTS="-Xmx256m" "$home/bin/jboss-cli.sh" --file="$jgroups_cli" > /dev/null
    cp "$ear" "$home/standalone/deployments/groupchat.ear"
    : > "$work/$node/console.log"
    start_node "$k"
    sip_targets+=("$node=127.0.0.1:$((5060 + offset))")
done

for k in $(seq 1 "$nodes"); do
    wait_for_node "$k"
done
wait_for_pool

stop_pid_file "$work/kamailio.pid"
# --development: the pool's nodes run groupchat.sip.identity=open on loopback (a test and drill
# pool, not a production one); README, Behind Kamailio, has the authenticating recipe.
setsid nohup "$here/scripts/run-kamailio.sh" --development --port="$kamailio_port" --domain="$domain" --work="$work/kamailio" \
    "${sip_targets[@]}" > "$work/kamailio.log" 2>&1 < /dev/null &
echo $! > "$work/kamailio.pid"
for _ in $(seq 1 50); do grep -q "kamailio on" "$work/kamailio.log" 2> /dev/null && break; sleep 0.2; done

echo
echo "groupchat pool of $nodes nodes on WildFly ${wildfly_version} (standalone-full-ha), shared PostgreSQL 127.0.0.1:${pg_port}:"
for k in $(seq 1 "$nodes"); do
    offset=$((first_offset + 100 * (k - 1)))
    echo "  node$k  SIP 127.0.0.1:$((5060 + offset)) (sip:channel-node$k@$domain)  http://127.0.0.1:$((8080 + offset))/groupchat/api/status  log $work/node$k/wildfly/standalone/log/server.log"
done
echo "  Kamailio  127.0.0.1:${kamailio_port} (udp, tcp): clients use the lookup sip:ocschat@${domain} through it"
echo "  API users admin and auditor: passwords in $work/admin-password, $work/auditor-password"
echo "  stop: scripts/run-cluster.sh --stop --work=$work"
