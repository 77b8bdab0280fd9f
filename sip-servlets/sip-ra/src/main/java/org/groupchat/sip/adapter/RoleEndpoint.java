package org.groupchat.sip.adapter;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.groupchat.sip.SipUri;

/** A role served by an activated message-driven bean, the URI it answers at, and what marks its posts. */
record RoleEndpoint(String role, SipUri uri, MessageEndpointFactory factory, PostMark postMark) {

    @Override
    public String toString() {
        return role + " (" + uri + ")";
    }
}
