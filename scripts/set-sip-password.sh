#!/usr/bin/env bash
# Makes (or updates) a SIP user for groupchat.front.registration=digest: one line USER=HA1 in
# the WildFly's groupchat-sip-users.properties (the layout of an Elytron properties realm), where
# HA1 = HEX(MD5(user:DOMAIN:password)) as SIP digest (RFC 3261 22.4) needs; the realm is the SIP
# domain. The password itself is stored nowhere. Usage: set-sip-password.sh JBOSS_HOME USER DOMAIN PASSWORD
set -euo pipefail
jboss_home=$1
user=$2
domain=$3
password=$4
file="$jboss_home/standalone/configuration/groupchat-sip-users.properties"
if [ ! -f "$file" ]; then
    (umask 077; printf '#$REALM_NAME=%s$\n' "$domain" > "$file")
fi
hash=$(printf '%s' "${user}:${domain}:${password}" | md5sum | cut -d' ' -f1)
sed -i "/^${user}=/d" "$file"
echo "${user}=${hash}" >> "$file"
