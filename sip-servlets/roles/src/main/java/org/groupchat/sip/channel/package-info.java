/**
 * The SIP side of the Channel service: the servlet that speaks XCCOS with clients, who is online
 * in which room on this node, and the fan-out of posted messages to them.
 */
package org.groupchat.sip.channel;
