#!/usr/bin/env bash
# Makes (or updates) a user of the Kamailio front end (scripts/run-kamailio.sh --users=DIR): one
# row in DIR/subscriber (Kamailio's dbtext layout, read by its auth_db module) with
# HA1 = HEX(MD5(user:DOMAIN:password)), as SIP digest (RFC 3261 22.4) needs; the realm is the SIP
# domain. The password itself is stored nowhere. Kamailio rereads the file when it changes.
# Usage: set-kamailio-user.sh DIR USER DOMAIN PASSWORD
set -euo pipefail
if [ $# -ne 4 ]; then echo "usage: $0 DIR USER DOMAIN PASSWORD" >&2; exit 2; fi
dir=$1
user=$(echo "$2" | tr 'A-Z' 'a-z') # SIP clients differ in the case they send; Kamailio asserts it in lower case
domain=$3
password=$4
case "$user" in
    *[!a-z0-9._-]*|'') echo "a user name is letters, digits, '.', '_' and '-': $2" >&2; exit 2 ;;
esac
mkdir -p "$dir"
(umask 077
 [ -f "$dir/version" ] || printf 'table_name(string) table_version(int) \nsubscriber:7\n' > "$dir/version"
 [ -f "$dir/subscriber" ] || printf 'id(int,auto) username(string) domain(string) ha1(string) \n' > "$dir/subscriber")
hash=$(printf '%s' "${user}:${domain}:${password}" | md5sum | cut -d' ' -f1)
rows=$(sed -n '2,$p' "$dir/subscriber" | grep -v "^[0-9]*:${user}:" || true)
next=$(( $(printf '%s\n' "$rows" | cut -d: -f1 | sort -n | tail -1 | sed 's/^$/0/') + 1 ))
{
    head -1 "$dir/subscriber"
    [ -z "$rows" ] || printf '%s\n' "$rows"
    echo "${next}:${user}:${domain}:${hash}"
} > "$dir/subscriber.new"
mv "$dir/subscriber.new" "$dir/subscriber"
