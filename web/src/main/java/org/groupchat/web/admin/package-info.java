/** The administration API over HTTP: rooms and their members, for the {@code admin} role. */
package org.groupchat.web.admin;
