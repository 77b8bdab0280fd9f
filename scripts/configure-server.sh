#!/usr/bin/env bash
# Applies the server-side settings the EAR cannot carry itself (the message-driven beans' instance
# pool; redelivery and the dead-letter queue of the compliance queue; the HTTPS listener's body
# size, which the files service limits itself) to a stopped WildFly,
# offline through jboss-cli's embedded server. Idempotent. Usage: configure-server.sh JBOSS_HOME
set -euo pipefail
jboss_home=$1
here=$(cd "$(dirname "$0")/.." && pwd)
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    cat "$here/ear/src/main/cli/ejb-pools.cli"
    cat "$here/jms-config/src/main/cli/compliance-address-settings.cli"
    cat "$here/web/src/main/cli/file-uploads.cli"
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="-Xmx256m" "$jboss_home/bin/jboss-cli.sh" --file="$script" > /dev/null
