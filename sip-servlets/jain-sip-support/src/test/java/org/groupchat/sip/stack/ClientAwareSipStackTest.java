package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientAwareSipStackTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private ClientAwareSipStack stack;

    @BeforeEach
    void makeStack() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "client-aware-stack-test");
        stack = new ClientAwareSipStack(properties);
    }

    @AfterEach
    void stopStack() {
        stack.stop();
    }

    @Test
    void aBranchAnotherClientSentGetsASuffixOfItsOwn() throws Exception {
        SIPRequest first = register("10.0.0.1", "z9hG4bK-same");
        SIPRequest second = register("10.0.0.2", "z9hG4bK-same");
        SIPRequest firstAgain = register("10.0.0.1", "z9hG4bK-same");

        stack.giveOwnBranchIfTaken(first, first.getTopmostVia(), 0);
        stack.giveOwnBranchIfTaken(second, second.getTopmostVia(), SECOND);
        stack.giveOwnBranchIfTaken(firstAgain, firstAgain.getTopmostVia(), 2 * SECOND);

        assertEquals("z9hG4bK-same", first.getTopmostVia().getBranch());
        assertNotEquals("z9hG4bK-same", second.getTopmostVia().getBranch());
        assertTrue(second.getTopmostVia().getBranch().startsWith("z9hG4bK-same.c"));
        assertEquals("z9hG4bK-same", firstAgain.getTopmostVia().getBranch(), "a retransmission keeps its branch");
    }

    @Test
    void aBranchIsFreeAgainOnceNoTransactionCanStillUseIt() throws Exception {
        SIPRequest first = register("10.0.0.1", "z9hG4bK-reused");
        SIPRequest later = register("10.0.0.2", "z9hG4bK-reused");

        stack.giveOwnBranchIfTaken(first, first.getTopmostVia(), 0);
        stack.giveOwnBranchIfTaken(later, later.getTopmostVia(), 33 * SECOND);

        assertEquals("z9hG4bK-reused", later.getTopmostVia().getBranch());
    }

    @Test
    void forgetsBranchesOlderThanATransactionAsNewOnesArrive() throws Exception {
        // 20,000 requests in 20 s: more than the old walk-everything threshold, all still young
        for (int i = 0; i < 20_000; i++) {
            SIPRequest request = register("10.0.0.1", "z9hG4bK-" + i);
            stack.giveOwnBranchIfTaken(request, request.getTopmostVia(), i * SECOND / 1000);
        }
        assertEquals(20_000, stack.rememberedBranches());

        // 40 s after the start: those of the first 8 s are past 32 s and gone
        SIPRequest late = register("10.0.0.1", "z9hG4bK-late");
        stack.giveOwnBranchIfTaken(late, late.getTopmostVia(), 40 * SECOND);
        assertEquals(20_000 - 8_000 + 1, stack.rememberedBranches());

        // a branch sent again by its client is remembered from its latest time
        SIPRequest again = register("10.0.0.1", "z9hG4bK-late");
        stack.giveOwnBranchIfTaken(again, again.getTopmostVia(), 70 * SECOND);
        assertEquals(1, stack.rememberedBranches());
    }

    private static SIPRequest register(String host, String branch) throws Exception {
        String text = "REGISTER sip:d SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + host + ":5060;branch=" + branch + "\r\n"
                + "From: <sip:u@d>;tag=1\r\nTo: <sip:u@d>\r\nCall-ID: c-" + branch + "\r\nCSeq: 1 REGISTER\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
