#!/usr/bin/env bash
# Applies the server-side settings the EAR cannot carry itself (the message-driven beans' instance
# pool; redelivery and the dead-letter queue of the compliance queue; the HTTPS listener's body
# size, which the files service limits itself; the key pair of SIP over TLS) to a stopped WildFly,
# offline through jboss-cli's embedded server. Idempotent. Usage: configure-server.sh JBOSS_HOME
set -euo pipefail
jboss_home=$1
here=$(cd "$(dirname "$0")/.." && pwd)
script=$(mktemp)
trap 'rm -f "$script"' EXIT

# SIP over TLS: a self-signed key pair for localhost, made once with the JDK's keytool in WildFly's
# configuration directory (replace it with a real certificate: README, SIP over TLS), registered
# with Elytron as key-store groupchat-sip, its password a system property the EAR reads.
config="$jboss_home/standalone/configuration"
key_store="$config/groupchat-sip.p12"
password_file="$config/groupchat-sip.password"
if [ ! -s "$key_store" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
    keytool -genkeypair -alias groupchat-sip -keyalg EC -groupname secp256r1 -validity 3650 \
        -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -storetype PKCS12 \
        -keystore "$key_store" -storepass "$(cat "$password_file")" > /dev/null 2>&1
    chmod 600 "$key_store"
fi
key_store_password=$(cat "$password_file")
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    cat "$here/ear/src/main/cli/ejb-pools.cli"
    cat "$here/jms-config/src/main/cli/compliance-address-settings.cli"
    cat "$here/web/src/main/cli/file-uploads.cli"
    cat <<CLI
if (outcome != success) of /subsystem=elytron/key-store=groupchat-sip:read-resource
    /subsystem=elytron/key-store=groupchat-sip:add(path=groupchat-sip.p12, relative-to=jboss.server.config.dir, type=PKCS12, credential-reference={clear-text="$key_store_password"})
end-if
if (outcome != success) of /system-property=groupchat.sip.tls.key-store-password:read-resource
    /system-property=groupchat.sip.tls.key-store-password:add(value="$key_store_password")
end-if
CLI
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="-Xmx256m" "$jboss_home/bin/jboss-cli.sh" --file="$script" > /dev/null
