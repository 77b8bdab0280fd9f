#!/usr/bin/env bash
# Fills the benchmark server's H2 databases with MESSAGES stored (and archived) messages, so that
# a run measures a server that has been in use for a while rather than an empty one:
#
#   bench/preload.sh 1000000           # then: KEEP_DATA=1 bench/groupchat-server.sh start
#
# Starts the server on a fresh database (bench/groupchat-server.sh), creates one room for them
# through the admin API, stops the server, and inserts the messages with H2's own SQL (posting a
# million through SIP would take half an hour): each is in the chat database with its number in
# the room, and in the compliance database as a CHAT event, as the server would have left them. (SHUTDOWN COMPACT leaves the files
# the size they would have: without it, one transaction this large leaves gigabytes behind.)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 MESSAGES" >&2; exit 2; }
messages=$1
wildfly_version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
server="bench/target/server/wildfly-${wildfly_version}"
data="$server/standalone/data"

bench/groupchat-server.sh stop
bench/groupchat-server.sh start
room=$(curl -sfk -u admin:bench-admin -H 'Content-Type: application/json' \
    -d "{\"name\":\"preloaded-$(date +%s)\",\"privacy\":\"OPEN\",\"members\":[\"sip:preload@bench.test\"]}" \
    https://127.0.0.1:8743/groupchat/api/admin/rooms | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1)
[ -n "$room" ] || { echo "could not create the room" >&2; exit 1; }
bench/groupchat-server.sh stop

h2=$(find "$server/modules" -name 'h2-*.jar' | head -1)
text="a message that was stored long ago, about as long as what people write in a chat room"
sql() { java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:$(pwd)/$data/groupchat-$1" -user sa -password sa -script /dev/stdin; }
started=$(date +%s)
# The server leaves its databases open at exit (DB_CLOSE_DELAY=-1), as after kill -9. Closed once
# as they are, before the big transaction: compacting such a file at once left it unreadable
# ("Double mark") to the server's next start.
for db in chat compliance; do echo "SHUTDOWN;" | sql "$db"; done
sql chat <<SQL
INSERT INTO chat_message (posted_at, room_id, sequence, author, text)
    SELECT DATEADD(SECOND, -($messages - X), CURRENT_TIMESTAMP), $room, X, 'sip:preload@bench.test', '$text ' || X
    FROM SYSTEM_RANGE(1, $messages);
UPDATE room SET last_sequence = $messages WHERE id = $room;
SHUTDOWN COMPACT;
SQL
sql compliance <<SQL
INSERT INTO compliance_event (archived_at, chat_sequence, occurred_at, event_type, event_id, node, room_name, room_uri, user_name, content)
    SELECT CURRENT_TIMESTAMP, X, DATEADD(SECOND, -($messages - X), CURRENT_TIMESTAMP), 'CHAT', CAST(RANDOM_UUID() AS VARCHAR),
           'bench', 'preloaded', 'ma-chan://bench.test/$room', 'sip:preload@bench.test', '$text ' || X
    FROM SYSTEM_RANGE(1, $messages);
SHUTDOWN COMPACT;
SQL
echo "$messages messages stored in room $room (and archived) in $(( $(date +%s) - started )) s; $(du -sh "$data" | cut -f1) of data" >&2
