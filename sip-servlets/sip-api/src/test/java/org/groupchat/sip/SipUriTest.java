package org.groupchat.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SipUriTest {

    @Test
    void readsTheUserAndHostOfTheFormsHeadersUse() {
        SipUri expected = new SipUri("ocschat", "example.org");
        assertEquals(expected, SipUri.parse("sip:ocschat@example.org"));
        assertEquals(expected, SipUri.parse("sip:OCSchat@Example.org:5061;transport=tls"));
        assertEquals(expected, SipUri.parse("\"Group Chat\" <sip:ocschat@example.org>;tag=abc"));
        assertEquals(expected, SipUri.parse("sips:ocschat@example.org?subject=x"));
        assertEquals("sip:ocschat@example.org", expected.toString());
    }

    @Test
    void refusesWhatIsNotAUserAtHostSipUri() {
        assertThrows(IllegalArgumentException.class, () -> SipUri.parse("tel:+123"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.parse("sip:example.org"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.parse("sip:user@"));
    }
}
