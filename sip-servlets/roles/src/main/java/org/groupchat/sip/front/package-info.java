/**
 * The built-in SIP front role of the all-in-one server: what OCS's front end does for clients
 * before they reach group chat (registration, the provisioning subscription that tells them where
 * group chat is). Behind a real SIP proxy (Kamailio) the proxy does this instead.
 */
package org.groupchat.sip.front;
