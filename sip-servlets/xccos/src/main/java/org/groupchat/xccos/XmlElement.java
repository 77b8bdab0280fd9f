package org.groupchat.xccos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of an XCCOS document: local name, attributes in document order, child elements
 * and the element's own text. Immutable; built by {@link XccosParser} or by {@link #of(String)}.
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {

    public XmlElement {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
        text = text == null ? "" : text;
    }

    /** Starts an element to send. */
    public static Builder of(String name) {
        return new Builder(name);
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Collects attributes and children in the order they will be written. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<XmlElement> children = new ArrayList<>();
        private String text = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder attribute(String attributeName, Object value) {
            attributes.put(attributeName, String.valueOf(value));
            return this;
        }

        public Builder child(XmlElement child) {
            children.add(child);
            return this;
        }

        public Builder child(Builder child) {
            return child(child.build());
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public XmlElement build() {
            return new XmlElement(name, attributes, children, text);
        }
    }
}
