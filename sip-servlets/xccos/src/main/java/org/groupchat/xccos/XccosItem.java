package org.groupchat.xccos;

import java.util.Optional;

/**
 * One child of an XCCOS envelope: a command ({@code cmd}), a reply ({@code rpl}), a notice
 * ({@code ntc}) or a chat message ({@code grpchat}).
 *
 * @param kind    which of the four it is
 * @param id      its {@code id} attribute, for example {@code cmd:requri}
 * @param seqid   its {@code seqid} attribute, echoed in the reply
 * @param element the whole element, for the command's own data
 */
public record XccosItem(Kind kind, String id, long seqid, XmlElement element) {

    public enum Kind {
        CMD("cmd"), RPL("rpl"), NTC("ntc"), GRPCHAT("grpchat");

        private final String elementName;

        Kind(String elementName) {
            this.elementName = elementName;
        }

        public String elementName() {
            return elementName;
        }

        static Optional<Kind> ofElement(String name) {
            for (Kind kind : values()) {
                if (kind.elementName.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** The {@code <data>} child, or an empty one when the sender left it out. */
    public XmlElement data() {
        return element.child("data").orElseGet(() -> XmlElement.of("data").build());
    }
}
