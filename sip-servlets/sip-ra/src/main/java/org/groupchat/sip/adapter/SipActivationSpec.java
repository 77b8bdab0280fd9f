package org.groupchat.sip.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.Objects;

/**
 * How a message-driven bean subscribes to SIP requests: by the role it serves
 * ({@code @ActivationConfigProperty(propertyName = "role", propertyValue = "lookup")}).
 */
public class SipActivationSpec implements ActivationSpec {

    private String role;
    private ResourceAdapter resourceAdapter;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (role == null || role.isBlank()) {
            throw new InvalidPropertyException("activation property 'role' is required (lookup, channel)");
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SipActivationSpec spec && Objects.equals(role, spec.role);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(role);
    }

    @Override
    public String toString() {
        return "SipActivationSpec[role=" + role + "]";
    }
}
