package org.groupchat.sip.adapter;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * The roles activated on this node. A request that opens a dialog goes to the role whose URI has
 * the Request-URI's user part: a node serves one SIP domain, and proxies in front may rewrite the
 * host part to the node's address. REGISTER and SUBSCRIBE go to the front role, whatever their
 * Request-URI (a registrar's, a user's own address).
 */
final class RoleEndpoints {

    private final CopyOnWriteArrayList<RoleEndpoint> endpoints = new CopyOnWriteArrayList<>();

    void add(RoleEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void remove(MessageEndpointFactory factory) {
        endpoints.removeIf(endpoint -> endpoint.factory() == factory);
    }

    /** The role of that name, if it is active here. */
    Optional<RoleEndpoint> named(String role) {
        return endpoints.stream().filter(endpoint -> endpoint.role().equals(role)).findFirst();
    }

    Optional<RoleEndpoint> forRequestUri(URI requestUri) {
        if (!(requestUri instanceof SipURI sipUri) || sipUri.getUser() == null) {
            return Optional.empty();
        }
        return endpoints.stream()
                .filter(endpoint -> endpoint.uri().user().equalsIgnoreCase(sipUri.getUser()))
                .findFirst();
    }
}
