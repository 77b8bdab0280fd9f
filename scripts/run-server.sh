#!/usr/bin/env bash
# Builds the EAR and runs it on a WildFly 39 standalone-full of its own under ./server/, with the
# embedded defaults: H2 databases under the server's data directory (kept across restarts), the
# embedded Artemis, SIP on 127.0.0.1:5060 over UDP and TCP. Stop it with Ctrl-C.
# Extra arguments go to standalone.sh, for example -Dgroupchat.sip.domain=chat.example.org
# (README lists every setting).
set -euo pipefail
cd "$(dirname "$0")/.."

wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
server="server/wildfly-${wildfly_version}"

echo "Building the EAR..."
mvn -B -q install -DskipTests -DskipITs

if [ ! -x "$server/bin/standalone.sh" ]; then
    echo "Unpacking WildFly ${wildfly_version} into server/..."
    mvn -B -q -N dependency:unpack -Dmdep.overWriteReleases=true -Dartifact="org.wildfly:wildfly-dist:${wildfly_version}:zip" -DoutputDirectory=server
fi
cp ear/target/groupchat.ear "$server/standalone/deployments/groupchat.ear"

# The API users: admin (room administration) and auditor (compliance archive). Each password is
# GROUPCHAT_ADMIN_PASSWORD / GROUPCHAT_AUDITOR_PASSWORD if set, else generated once and kept in
# server/admin-password / server/auditor-password (readable by this user only).
password_for() { # USER VARIABLE: prints the password and where it came from (tab-separated)
    local user=$1 variable=$2 file="server/$1-password"
    if [ -n "${!variable:-}" ]; then
        printf '%s\tfrom %s\n' "${!variable}" "$variable"
    else
        if [ ! -s "$file" ]; then
            (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file")
        fi
        printf '%s\tin %s\n' "$(cat "$file")" "$file"
    fi
}
IFS=$'\t' read -r admin_password admin_note < <(password_for admin GROUPCHAT_ADMIN_PASSWORD)
IFS=$'\t' read -r auditor_password auditor_note < <(password_for auditor GROUPCHAT_AUDITOR_PASSWORD)
scripts/set-user-password.sh "$server" admin admin "$admin_password"
scripts/set-user-password.sh "$server" auditor auditor "$auditor_password"
scripts/configure-server.sh "$server"

# Print what this server will answer at, as the EAR's settings will see them.
ARGS=("$@")
setting() { # KEY DEFAULT: the value given as -DKEY=value on this command line, else DEFAULT
    local key=$1 value=$2 arg
    for arg in "${ARGS[@]}"; do
        case "$arg" in "-D$key="*) value=${arg#"-D$key="} ;; esac
    done
    printf '%s' "$value"
}
domain=$(setting groupchat.sip.domain localhost)
address=$(setting groupchat.sip.bind-address 127.0.0.1)
port=$(setting groupchat.sip.port 5060)
tls_port=$(setting groupchat.sip.tls-port 5061)
cat <<INFO

groupchat is starting on WildFly ${wildfly_version} (standalone-full):
  SIP (udp, tcp)   ${address}:${port}
  SIP (tls)        ${address}:${tls_port} (key pair: ${server}/standalone/configuration/groupchat-sip.p12, Elytron key-store groupchat-sip)
  lookup URI       $(setting groupchat.lookup.uri "sip:ocschat@${domain}")
  status           http://127.0.0.1:8080/groupchat/api/status
  room admin API   https://127.0.0.1:8443/groupchat/api/admin/rooms (user admin, password ${admin_note})
  auditor API      https://127.0.0.1:8443/groupchat/api/audit/events (user auditor, password ${auditor_note})
  WildFly console  http://127.0.0.1:9990 (add a user with ${server}/bin/add-user.sh)
  databases (H2)   ${server}/standalone/data/groupchat-chat.mv.db, groupchat-compliance.mv.db
  server log       ${server}/standalone/log/server.log

INFO
. scripts/server-sizing.sh
exec "$server/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 "$@"
