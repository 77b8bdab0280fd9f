package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.parser.Pipeline;
import gov.nist.javax.sip.parser.PipelinedMsgParser;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The limit reads JAIN-SIP's private pipeline: this fails first when an upgrade moves it. */
class UnreadInputLimitTest {

    @Test
    void seesTheReadsWaitingInAConnectionsPipeline() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "unread-input-limit-test");
        SipStackImpl stack = new SipStackImpl(properties);
        try {
            Pipeline pipeline = new Pipeline(new ByteArrayInputStream(new byte[0]), -1, null);
            PipelinedMsgParser parser = new PipelinedMsgParser(stack, null, pipeline, false, 0);
            pipeline.write(new byte[4096], 0, 100);
            pipeline.write(new byte[4096], 0, 4096);
            pipeline.write(new byte[4096], 0, 7);

            List<?> waiting = UnreadInputLimit.waitingToBeParsed(parser);
            assertNotNull(waiting, "JAIN-SIP's pipeline is no longer where the limit looks for it");
            assertEquals(3, waiting.size());
            pipeline.read();
            assertEquals(2, waiting.size(), "the parser took the first read");
        } finally {
            stack.stop();
        }
    }
}
