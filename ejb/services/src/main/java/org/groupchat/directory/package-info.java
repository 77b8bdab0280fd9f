/**
 * Users and groups from the organisation's directory (LDAP: Active Directory or OpenLDAP): its
 * groups, nested ones resolved, kept as the server's groups that rooms and categories name; its
 * users' display names and e-mail addresses for the compliance archive. Read on a schedule and on
 * demand; changes take effect, and are archived, without a restart.
 */
package org.groupchat.directory;
