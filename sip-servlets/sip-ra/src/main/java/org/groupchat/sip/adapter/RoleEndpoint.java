package org.groupchat.sip.adapter;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.groupchat.sip.SipUri;

/** A role served by an activated message-driven bean, and the URI it answers at. */
record RoleEndpoint(String role, SipUri uri, MessageEndpointFactory factory) {

    @Override
    public String toString() {
        return role + " (" + uri + ")";
    }
}
