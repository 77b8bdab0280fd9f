#!/usr/bin/env bash
# Makes (or updates) an application user with one role in a WildFly's properties realm: the users
# the administration API (role admin, or manager for room managers) and the auditor API (role auditor) ask for.
# Usage: set-user-password.sh JBOSS_HOME USER ROLE PASSWORD
set -euo pipefail
jboss_home=$1
user=$2
role=$3
password=$4
config="$jboss_home/standalone/configuration"
# The properties realm stores HEX(MD5(user:realm:password)).
hash=$(printf '%s' "${user}:ApplicationRealm:${password}" | md5sum | cut -d' ' -f1)
for file in application-users.properties application-roles.properties; do
    sed -i "/^${user}=/d" "$config/$file"
done
echo "${user}=${hash}" >> "$config/application-users.properties"
echo "${user}=${role}" >> "$config/application-roles.properties"
