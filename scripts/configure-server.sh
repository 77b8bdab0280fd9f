#!/usr/bin/env bash
# Applies the server-side settings the EAR cannot carry itself (the message-driven beans' instance
# pool; redelivery and the dead-letter queue of the compliance queue; the HTTPS listener's body
# size, which the files service limits itself; the key pair of SIP over TLS; the PostgreSQL JDBC
# driver; which databases the EAR uses) to a stopped WildFly, offline through jboss-cli's embedded
# server. Idempotent.
# Usage: configure-server.sh JBOSS_HOME [--config=standalone-full.xml] [--database=h2|postgresql://HOST:PORT]
#   --config=standalone-full-ha.xml for a cluster node (scripts/run-cluster.sh);
#   --database: H2 files in the server's data directory (the default), or the databases
#   groupchat_chat and groupchat_compliance of that PostgreSQL server as the role groupchat
#   (scripts/run-postgresql.sh makes them; production.cli sets other credentials).
set -euo pipefail
jboss_home=$1; shift
server_config=standalone-full.xml
database=h2
for arg in "$@"; do
    case "$arg" in
        --config=*) server_config=${arg#*=} ;;
        --database=*) database=${arg#*=} ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
script=$(mktemp)
trap 'rm -f "$script"' EXIT

# SIP over TLS: a self-signed key pair for localhost, made once with the JDK's keytool in WildFly's
# configuration directory (replace it with a real certificate: README, SIP over TLS), its
# certificate also as groupchat-sip.pem, registered
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
# Its certificate alone, for the proxies that must trust the node (run-kamailio.sh --nodes-ca).
if [ ! -s "$config/groupchat-sip.pem" ] || [ "$key_store" -nt "$config/groupchat-sip.pem" ]; then
    keytool -exportcert -rfc -alias groupchat-sip -keystore "$key_store" -storepass "$key_store_password" \
        > "$config/groupchat-sip.pem" 2> /dev/null
fi

# The PostgreSQL JDBC driver as the module org.postgresql (the build copies it to ear/target/jdbc).
driver_jar="$here/ear/target/jdbc/postgresql.jar"
module="$jboss_home/modules/org/postgresql/main"
if [ -f "$driver_jar" ] && ! cmp -s "$driver_jar" "$module/postgresql.jar"; then
    mkdir -p "$module"
    cp "$driver_jar" "$module/postgresql.jar"
    cat > "$module/module.xml" <<'MODULE'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="postgresql.jar"/>
    </resources>
    <dependencies>
        <module name="javax.api"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
MODULE
fi
# The datasources' system properties (ear/.../groupchat-ds.xml reads them).
set_property() { # KEY VALUE
    echo "if (outcome != success) of /system-property=$1:read-resource"
    echo "    /system-property=$1:add(value=\"$2\")"
    echo "else"
    echo "    /system-property=$1:write-attribute(name=value, value=\"$2\")"
    echo "end-if"
}
database_properties() {
    case "$database" in
        h2)
            set_property groupchat.db.driver h2
            # DB_CLOSE_DELAY=-1: the database stays open while the server runs. Otherwise it
            # closes with the last pooled connection (each undeploy) and H2 2.x compacts its
            # file on close, which has corrupted it ("Double mark", h2database#2752, #4123).
            # Left unclosed at exit, it reopens like after kill -9: every commit is on disk.
            # CACHE_SIZE=4096 (KB, H2's default is 64 MB): every commit writes new versions of
            # its pages, and the cache keeps them until they are pushed out, so a big cache is a
            # stream of objects that live seconds, which the collector copies at each pause.
            for db in chat compliance; do
                set_property groupchat.$db.db.url 'jdbc:h2:${jboss.server.data.dir}/groupchat-'"$db"';DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1;WRITE_DELAY=0;CACHE_SIZE=4096'
                set_property groupchat.$db.db.user sa
                set_property groupchat.$db.db.password sa
            done ;;
        postgresql://*)
            set_property groupchat.db.driver postgresql
            for db in chat compliance; do
                set_property groupchat.$db.db.url "jdbc:$database/groupchat_$db"
                set_property groupchat.$db.db.user groupchat
                set_property groupchat.$db.db.password groupchat
            done ;;
        *) echo "unknown database: $database (h2 or postgresql://HOST:PORT)" >&2; exit 2 ;;
    esac
}
{
    echo "embed-server --server-config=$server_config --std-out=discard"
    cat "$here/ear/src/main/cli/ejb-pools.cli"
    cat "$here/jms-config/src/main/cli/compliance-address-settings.cli"
    cat "$here/web/src/main/cli/file-uploads.cli"
    cat <<CLI
if (outcome != success) of /subsystem=datasources/jdbc-driver=postgresql:read-resource
    /subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql, driver-module-name=org.postgresql, driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)
end-if
$(database_properties)
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
