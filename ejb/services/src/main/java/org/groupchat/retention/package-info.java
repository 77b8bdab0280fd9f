/**
 * What leaves the databases and what may not: each category's retention of its rooms' messages,
 * the compliance archive's own retention, an administrator clearing a room's history up to a
 * date, and legal holds on rooms and users that stop all of these for what they cover. Every
 * purge is itself a compliance event with its counts.
 */
package org.groupchat.retention;
