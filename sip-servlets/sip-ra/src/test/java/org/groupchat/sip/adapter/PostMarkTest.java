package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class PostMarkTest {

    private static final String POST = "<xccos ver=\"1\" envid=\"7\" xmlns=\"urn:parlano:xml:ns:xccos\">"
            + "<grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"ma-chan://d/1\"><chat>hello</chat></grpchat></xccos>";
    private static final String JOIN = "<xccos ver=\"1\" envid=\"8\" xmlns=\"urn:parlano:xml:ns:xccos\">"
            + "<cmd id=\"cmd:join\" seqid=\"1\"><data><chanib uri=\"ma-chan://d/1\"/></data></cmd></xccos>";

    private final PostMark channel = PostMark.of("<grpchat");

    @Test
    void anInfoInADialogWhoseBodyHoldsTheMarkIsAPost() throws ParseException {
        assertTrue(channel.marks(request("INFO", POST), true));
    }

    @Test
    void theRolesOtherCommandsAreNot() throws ParseException {
        assertFalse(channel.marks(request("INFO", JOIN), true), "a join");
        assertFalse(channel.marks(request("INFO", ""), true), "no body");
        assertFalse(channel.marks(request("INFO", "<grpcha"), true), "the mark cut short at the body's end");
    }

    @Test
    void onlyAnInfoWithinADialogIs() throws ParseException {
        assertFalse(channel.marks(request("INFO", POST), false), "outside a dialog");
        assertFalse(channel.marks(request("MESSAGE", POST), true), "another method");
    }

    @Test
    void aRoleThatNamesNoMarkHasNoPosts() throws ParseException {
        assertFalse(PostMark.of(null).marks(request("INFO", POST), true));
        assertFalse(PostMark.of("").marks(request("INFO", POST), true));
    }

    private static Request request(String method, String body) throws ParseException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " sip:channel@d SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@d>;tag=c1\r\nTo: <sip:channel@d>;tag=s1\r\nCall-ID: call-1\r\nCSeq: 2 " + method + "\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + content.length + "\r\n\r\n";
        byte[] message = new byte[head.length() + content.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, message, 0, head.length());
        System.arraycopy(content, 0, message, head.length(), content.length);
        return (Request) new StringMsgParser().parseSIPMessage(message, true, false, null);
    }
}
