/**
 * The Lookup service's business side: the registry of channel servers (one per node, kept alive by
 * a heartbeat in the shared chat database) and the round-robin choice among the live ones.
 */
package org.groupchat.lookup;
