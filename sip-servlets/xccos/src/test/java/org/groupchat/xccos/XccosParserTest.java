package org.groupchat.xccos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XccosParserTest {

    private final XccosParser parser = new XccosParser();

    @Test
    void readsTheRequriCommandSipeSends() throws Exception {
        XccosEnvelope envelope = parser.parse(
                "<xccos ver=\"1\" envid=\"7\" xmlns=\"urn:parlano:xml:ns:xccos\">"
                        + "<cmd id=\"cmd:requri\" seqid=\"1\"><data/></cmd></xccos>");

        assertEquals(7, envelope.envid());
        assertEquals(1, envelope.items().size());
        XccosItem command = envelope.items().get(0);
        assertEquals(XccosItem.Kind.CMD, command.kind());
        assertEquals("cmd:requri", command.id());
        assertEquals(1, command.seqid());
        assertTrue(command.data().children().isEmpty());
    }

    @Test
    void keepsAttributesChildrenAndEscapedText() throws Exception {
        XccosEnvelope envelope = parser.parse(
                "<xccos ver=\"1\" envid=\"3\" xmlns=\"urn:parlano:xml:ns:xccos\">"
                        + "<grpchat id=\"grpchat\" seqid=\"9\" chanUri=\"ma-chan://d/1\" author=\"sip:a@d\">"
                        + "<chat>fish &amp; chips &lt;3 &#233;</chat></grpchat></xccos>");

        XccosItem chat = envelope.items().get(0);
        assertEquals(XccosItem.Kind.GRPCHAT, chat.kind());
        assertEquals("ma-chan://d/1", chat.element().attribute("chanUri").orElseThrow());
        assertEquals("fish & chips <3 \u00e9", chat.element().child("chat").orElseThrow().text());
    }

    @Test
    void refusesDoctypesAndEntities() {
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"cmd:requri\" seqid=\"1\"><data>&lol2;</data></cmd></xccos>";
        assertThrows(XccosParseException.class, () -> parser.parse(billionLaughs));

        String externalEntity = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"cmd:requri\" seqid=\"1\"><data>&xxe;</data></cmd></xccos>";
        XccosParseException refused = assertThrows(XccosParseException.class, () -> parser.parse(externalEntity));
        assertTrue(refused.getMessage().contains("document type"), refused.getMessage());

        assertThrows(XccosParseException.class, () -> parser.parse(
                "<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"cmd:requri\" seqid=\"1\"><data>&undeclared;</data></cmd></xccos>"));
    }

    @Test
    void enforcesSizeDepthAndElementLimits() {
        XccosParser small = new XccosParser(new XccosParser.Limits(200, 4, 10));

        XccosParseException size = assertThrows(XccosParseException.class,
                () -> small.parse("<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\">" + "x".repeat(300) + "</xccos>"));
        assertTrue(size.getMessage().contains("exceeds"), size.getMessage());

        XccosParseException depth = assertThrows(XccosParseException.class,
                () -> small.parse("<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"c\" seqid=\"1\"><a><b><c/></b></a></cmd></xccos>"));
        assertTrue(depth.getMessage().contains("deeper"), depth.getMessage());

        XccosParseException count = assertThrows(XccosParseException.class,
                () -> small.parse("<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"c\" seqid=\"1\">" + "<a/>".repeat(12) + "</cmd></xccos>"));
        assertTrue(count.getMessage().contains("elements"), count.getMessage());
    }

    @Test
    void explainsWhatIsWrongWithMalformedEnvelopes() {
        String xmlns = " xmlns=\"urn:parlano:xml:ns:xccos\"";
        String open = "<xccos ver=\"1\" envid=\"1\"" + xmlns + ">";
        assertReason("", "empty");
        assertReason(open + "<cmd id=\"cmd:requri\" seqid=\"1\">", "not well-formed");
        assertReason("<foo/>", "expected <xccos>");
        assertReason("<xccos ver=\"1\" envid=\"1\"><cmd id=\"cmd:requri\" seqid=\"1\"/></xccos>",
                "<xccos> is not in the namespace urn:parlano:xml:ns:xccos");
        assertReason("<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:evil\"><cmd id=\"cmd:requri\" seqid=\"1\"/></xccos>",
                "but in urn:evil");
        assertReason("<xccos ver=\"1\"" + xmlns + "><cmd id=\"cmd:requri\" seqid=\"1\"/></xccos>", "no envid");
        assertReason("<xccos ver=\"1\" envid=\"x\"" + xmlns + "><cmd id=\"cmd:requri\" seqid=\"1\"/></xccos>", "not a number");
        assertReason(open + "<cmd seqid=\"1\"/></xccos>", "has no id");
        assertReason(open + "<cmd id=\"cmd:requri\"/></xccos>", "no seqid");
        assertReason(open + "<bogus/></xccos>", "unexpected element <bogus>");
        assertReason(open + "</xccos>", "no command");
    }

    @Test
    void anAttributeWithAPrefixNeitherStandsInForNorOverwritesAnXccosOne() throws Exception {
        XccosEnvelope envelope = parser.parse("<xccos ver=\"1\" envid=\"3\" xmlns=\"urn:parlano:xml:ns:xccos\" xmlns:x=\"urn:other\">"
                + "<grpchat id=\"grpchat\" seqid=\"9\" chanUri=\"ma-chan://d/1\" x:chanUri=\"ma-chan://d/2\"><chat>hi</chat></grpchat></xccos>");
        assertEquals("ma-chan://d/1", envelope.items().get(0).element().attribute("chanUri").orElseThrow());

        assertReason("<xccos ver=\"1\" envid=\"3\" xmlns=\"urn:parlano:xml:ns:xccos\" xmlns:x=\"urn:other\">"
                + "<cmd x:id=\"cmd:requri\" seqid=\"1\"/></xccos>", "has no id");
    }

    private void assertReason(String body, String expected) {
        XccosParseException e = assertThrows(XccosParseException.class, () -> parser.parse(body));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
