#!/usr/bin/env bash
# Key material for the TLS tests: a "trusted proxy" whose certificate goes into the test server's
# SIP trust store (groupchat-sip-peers.p12, password it-peers-password as arquillian.xml tells the
# server), a "stranger" whose certificate goes nowhere, and Kamailio's key pair (PEM, which its TLS
# module reads), its certificate trusted too. Usage: make-test-peers.sh OUT JBOSS_HOME
set -euo pipefail
out=$1
trust_store="$2/standalone/configuration/groupchat-sip-peers.p12"
mkdir -p "$out"
rm -f "$out"/*.p12 "$out"/*.pem "$trust_store"
for peer in trusted-proxy stranger; do
    keytool -genkeypair -alias "$peer" -keyalg EC -groupname secp256r1 -validity 30 -dname "CN=$peer" \
        -storetype PKCS12 -keystore "$out/$peer.p12" -storepass it-peer-password > /dev/null 2>&1
done
keytool -exportcert -rfc -alias trusted-proxy -keystore "$out/trusted-proxy.p12" -storepass it-peer-password \
    > "$out/trusted-proxy.pem" 2>/dev/null
keytool -importcert -noprompt -alias trusted-proxy -file "$out/trusted-proxy.pem" -storetype PKCS12 \
    -keystore "$trust_store" -storepass it-peers-password > /dev/null 2>&1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=kamailio" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$out/kamailio-key.pem" -out "$out/kamailio.pem" 2> /dev/null
keytool -importcert -noprompt -alias kamailio -file "$out/kamailio.pem" -storetype PKCS12 \
    -keystore "$trust_store" -storepass it-peers-password > /dev/null 2>&1
