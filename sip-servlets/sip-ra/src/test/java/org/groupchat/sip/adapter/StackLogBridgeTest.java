package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackLogBridgeTest {

    /** The lines JAIN-SIP 1.3.0-91 wrote for one response to a client whose connection was closed (server.log, a bench run). */
    @Test
    void theStacksLinesAboutAClientsConnectionGoneAreRecognised() {
        for (String line : new String[] {
            "gov.nist.javax.sip.stack.IOHandler.sendBytes(IOHandler.java:348) [Problem sending: sendBytes TCP inAddr 127.0.0.1 port 45670 remoteHost 127.0.0.1 remotePort 45670 peerPacketPort 45670 isClient false]",
            "gov.nist.javax.sip.stack.IOHandler.sendBytes(IOHandler.java:368) [{}]",
            "gov.nist.javax.sip.stack.IOHandler.sendBytes(IOHandler.java:391) [Could not connect to /127.0.0.1:45670]",
            "Could not connect to /127.0.0.1:45670: java.io.IOException: Could not connect to /127.0.0.1:45670",
            "Error is : java.io.IOException: Could not connect to /127.0.0.1:45670",
        }) {
            assertTrue(StackLogBridge.aboutAConnectionGone(line), line);
        }
    }

    @Test
    void otherLinesAreLeftAsTheyAre() {
        assertFalse(StackLogBridge.aboutAConnectionGone("Dropping message: bad Content-Length"));
        assertFalse(StackLogBridge.aboutAConnectionGone(null));
    }
}
