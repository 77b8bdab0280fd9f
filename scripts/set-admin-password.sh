#!/usr/bin/env bash
# Makes (or updates) the application user "admin" with role "admin" in a WildFly's properties
# realm, the user the administration API asks for. Usage: set-admin-password.sh JBOSS_HOME PASSWORD
set -euo pipefail
jboss_home=$1
password=$2
config="$jboss_home/standalone/configuration"
# The properties realm stores HEX(MD5(user:realm:password)).
hash=$(printf '%s' "admin:ApplicationRealm:${password}" | md5sum | cut -d' ' -f1)
for file in application-users.properties application-roles.properties; do
    sed -i '/^admin=/d' "$config/$file"
done
echo "admin=${hash}" >> "$config/application-users.properties"
echo "admin=admin" >> "$config/application-roles.properties"
