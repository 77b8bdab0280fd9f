/**
 * What the XCCOS roles (lookup, channel) share: the INVITE/INFO call flow and the replies sent
 * back in the client's dialog.
 */
package org.groupchat.sip.xccos;
