package org.groupchat.xccos;

/** A body that is not an XCCOS document this server accepts; the message says why, for the log and the peer. */
public class XccosParseException extends Exception {

    public XccosParseException(String reason) {
        super(reason);
    }

    public XccosParseException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
