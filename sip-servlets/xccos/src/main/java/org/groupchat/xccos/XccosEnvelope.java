package org.groupchat.xccos;

import java.util.List;

/**
 * A parsed {@code <xccos ver="1" envid="N">} document.
 *
 * @param envid the sender's envelope counter, echoed in {@code <commandid envid="...">} of replies
 * @param items the commands, replies, notices or chat messages it carries, in document order
 */
public record XccosEnvelope(long envid, List<XccosItem> items) {

    public XccosEnvelope {
        items = List.copyOf(items);
    }

    public static final String NAMESPACE = "urn:parlano:xml:ns:xccos";
    public static final String VERSION = "1";
}
