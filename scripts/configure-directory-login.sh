#!/usr/bin/env bash
# Lets the directory's users sign in to the administration and auditor APIs and the console, with
# their roles from their directory groups (README, Directory): Elytron's LDAP realm on a stopped
# WildFly, offline through jboss-cli's embedded server, beside the application users of
# application-users.properties (a user found there is that user; one not found there is looked up
# in the directory, whose password check is the directory's own bind). Groups nested in a role's
# group give the role too. Idempotent: a second run replaces what the first set.
#
# Usage: configure-directory-login.sh JBOSS_HOME --url=ldap://HOST:PORT --bind-dn=DN --bind-password=PASSWORD
#            --user-base=DN --group-base=DN [--active-directory] [--admin-group=groupchat-admins]
#            [--auditor-group=groupchat-auditors] [--manager-group=groupchat-managers] [--config=standalone-full.xml]
#   Without --active-directory: OpenLDAP's names (a user's login is its uid; groups are
#   groupOfNames with member). With it: Active Directory's (sAMAccountName; groups with member,
#   nested ones found by the directory itself).
set -euo pipefail
jboss_home=$1; shift
url=""; bind_dn=""; bind_password=""; user_base=""; group_base=""; active_directory=no
admin_group=groupchat-admins; auditor_group=groupchat-auditors; manager_group=groupchat-managers
server_config=standalone-full.xml
for arg in "$@"; do
    case "$arg" in
        --url=*) url=${arg#*=} ;;
        --bind-dn=*) bind_dn=${arg#*=} ;;
        --bind-password=*) bind_password=${arg#*=} ;;
        --user-base=*) user_base=${arg#*=} ;;
        --group-base=*) group_base=${arg#*=} ;;
        --active-directory) active_directory=yes ;;
        --admin-group=*) admin_group=${arg#*=} ;;
        --auditor-group=*) auditor_group=${arg#*=} ;;
        --manager-group=*) manager_group=${arg#*=} ;;
        --config=*) server_config=${arg#*=} ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
for required in url bind_dn user_base group_base; do
    [ -n "${!required}" ] || { echo "--${required//_/-} is required" >&2; exit 2; }
done
if [ "$active_directory" = yes ]; then
    login=sAMAccountName
    # LDAP_MATCHING_RULE_IN_CHAIN: the directory answers with every group the user is in, however nested
    groups_filter='(&(objectClass=group)(member:1.2.840.113556.1.4.1941:={1}))'
    recursion=0
else
    login=uid
    groups_filter='(&(objectClass=groupOfNames)(member={1}))'
    recursion=10
fi
script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat > "$script" <<CLI
embed-server --server-config=$server_config --std-out=discard
if (outcome == success) of /subsystem=elytron/distributed-realm=groupchat-users:read-resource
    /subsystem=elytron/security-domain=ApplicationDomain:write-attribute(name=default-realm, value=ApplicationRealm)
    /subsystem=elytron/security-domain=ApplicationDomain:write-attribute(name=realms, value=[{realm=ApplicationRealm, role-decoder=groups-to-roles}, {realm=local}])
    /subsystem=elytron/security-domain=ApplicationDomain:undefine-attribute(name=role-mapper)
    /subsystem=elytron/distributed-realm=groupchat-users:remove
end-if
if (outcome == success) of /subsystem=elytron/mapped-role-mapper=groupchat-directory-roles:read-resource
    /subsystem=elytron/mapped-role-mapper=groupchat-directory-roles:remove
end-if
if (outcome == success) of /subsystem=elytron/ldap-realm=groupchat-directory:read-resource
    /subsystem=elytron/ldap-realm=groupchat-directory:remove
end-if
if (outcome == success) of /subsystem=elytron/dir-context=groupchat-directory:read-resource
    /subsystem=elytron/dir-context=groupchat-directory:remove
end-if
/subsystem=elytron/dir-context=groupchat-directory:add(url="$url", principal="$bind_dn", credential-reference={clear-text="$bind_password"}, read-timeout=30000, connection-timeout=5000)
/subsystem=elytron/ldap-realm=groupchat-directory:add(dir-context=groupchat-directory, direct-verification=true, identity-mapping={rdn-identifier=$login, search-base-dn="$user_base", use-recursive-search=true, attribute-mapping=[{filter-base-dn="$group_base", filter="$groups_filter", from=cn, to=groups, role-recursion=$recursion}]})
/subsystem=elytron/distributed-realm=groupchat-users:add(realms=[ApplicationRealm, groupchat-directory])
/subsystem=elytron/mapped-role-mapper=groupchat-directory-roles:add(keep-mapped=false, keep-non-mapped=true, role-map={"$admin_group"=[admin], "$auditor_group"=[auditor], "$manager_group"=[manager]})
/subsystem=elytron/security-domain=ApplicationDomain:write-attribute(name=realms, value=[{realm=groupchat-users, role-decoder=groups-to-roles}, {realm=ApplicationRealm, role-decoder=groups-to-roles}, {realm=local}])
/subsystem=elytron/security-domain=ApplicationDomain:write-attribute(name=default-realm, value=groupchat-users)
/subsystem=elytron/security-domain=ApplicationDomain:write-attribute(name=role-mapper, value=groupchat-directory-roles)
stop-embedded-server
CLI
JAVA_OPTS="-Xmx256m" "$jboss_home/bin/jboss-cli.sh" --file="$script" > /dev/null
echo "directory logins: $url ($login under $user_base; roles from $admin_group, $auditor_group, $manager_group under $group_base)"
