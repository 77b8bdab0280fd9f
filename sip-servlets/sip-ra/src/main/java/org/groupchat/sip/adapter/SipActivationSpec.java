package org.groupchat.sip.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.Objects;

/**
 * How a message-driven bean subscribes to SIP requests: by the role it serves
 * ({@code @ActivationConfigProperty(propertyName = "role", propertyValue = "lookup")}), and for a
 * role that takes posts, the text that marks one ({@code postMark}, see {@link PostMark}).
 */
public class SipActivationSpec implements ActivationSpec {

    private String role;
    private String postMark;
    private ResourceAdapter resourceAdapter;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getPostMark() {
        return postMark;
    }

    public void setPostMark(String postMark) {
        this.postMark = postMark;
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
        return other instanceof SipActivationSpec spec && Objects.equals(role, spec.role) && Objects.equals(postMark, spec.postMark);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, postMark);
    }

    @Override
    public String toString() {
        return "SipActivationSpec[role=" + role + (postMark == null ? "" : ", postMark=" + postMark) + "]";
    }
}
