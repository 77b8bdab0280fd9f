/**
 * What the application needs from its databases beyond JPA: that a commit it acknowledges is in
 * the database's file, even on the embedded H2 default.
 */
package org.groupchat.storage;
