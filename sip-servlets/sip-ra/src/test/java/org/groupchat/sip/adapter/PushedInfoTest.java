package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.groupchat.sip.SipBody;
import org.junit.jupiter.api.Test;

class PushedInfoTest {

    private static final String START = "INFO sip:alice@127.0.0.1:40000;transport=tcp SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKgcpush.5eed.";
    private static final String FIXED = "\r\nMax-Forwards: 70\r\nFrom: <sip:channel@d>;tag=s1\r\n"
            + "To: \"Zoë\" <sip:alice@d>;tag=c1\r\nCall-ID: call-1\r\nCSeq: ";

    private final PushedInfo pushed = new PushedInfo(bytes -> { }, START, FIXED);

    @Test
    void anInfoIsTheDialogsFixedPartsItsNumbersAndItsBodyInParts() throws ParseException {
        byte[] child = "<grpchat>grüße 😀</grpchat>".getBytes(StandardCharsets.UTF_8);
        SipBody body = SipBody.of("<xccos envid=\"9\">".getBytes(StandardCharsets.UTF_8), child, "</xccos>".getBytes(StandardCharsets.UTF_8));

        for (long cseq : new long[] {1, 9, 10, 12345, Integer.MAX_VALUE}) {
            byte[] request = pushed.request(cseq, "text/plain", body);
            String text = new String(request, StandardCharsets.UTF_8);

            Matcher branchEnd = Pattern.compile("branch=z9hG4bKgcpush\\.5eed\\." + cseq + "\\.([0-9a-f]+)\r\n").matcher(text);
            assertTrue(branchEnd.find(), text);
            String expected = START + cseq + "." + branchEnd.group(1) + FIXED + cseq + " INFO\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            assertEquals(expected, text);
            assertEquals(Long.toHexString(Long.parseLong(branchEnd.group(1), 16)), branchEnd.group(1), "hex as the answer's reader expects");

            SIPRequest parsed = (SIPRequest) new StringMsgParser().parseSIPMessage(request, true, false, null);
            assertEquals(cseq, parsed.getCSeq().getSeqNumber());
            assertEquals("<xccos envid=\"9\"><grpchat>grüße 😀</grpchat></xccos>", new String(parsed.getRawContent(), StandardCharsets.UTF_8));
        }
    }
}
