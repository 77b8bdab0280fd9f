package org.groupchat.xccos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class XccosWriterTest {

    private final XccosWriter writer = new XccosWriter();
    private final XccosItem requri = new XccosItem(XccosItem.Kind.CMD, "cmd:requri", 1,
            XmlElement.of("cmd").build());

    @Test
    void writesTheRequriReplyInTheShapeClientsParse() {
        String reply = writer.reply(1, 7, requri, XccosCode.SUCCESS_OK, null,
                XmlElement.of("uib").attribute("uri", "sip:channel-a@example.org").build());

        assertEquals("<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\">"
                + "<rpl id=\"rpl:requri\" seqid=\"1\"><commandid seqid=\"1\" envid=\"7\"/>"
                + "<resp code=\"200\">SUCCESS_OK</resp>"
                + "<data><uib uri=\"sip:channel-a@example.org\"/></data></rpl></xccos>", reply);
    }

    @Test
    void errorRepliesCarryTheReasonEscaped() {
        String reply = writer.reply(2, 9, requri, XccosCode.UNAVAILABLE, "no channel server <alive> & well");

        assertEquals("<xccos ver=\"1\" envid=\"2\" xmlns=\"urn:parlano:xml:ns:xccos\">"
                + "<rpl id=\"rpl:requri\" seqid=\"1\"><commandid seqid=\"1\" envid=\"9\"/>"
                + "<resp code=\"503\">no channel server &lt;alive&gt; &amp; well</resp>"
                + "<data/></rpl></xccos>", reply);
    }

    @Test
    void usesTheReplyIdsRealServersUse() {
        assertEquals("rpl:getservinfo", XccosWriter.replyIdFor("cmd:getserverinfo"));
        assertEquals("rpl:getftok", XccosWriter.replyIdFor("cmd:getfutok"));
        assertEquals("rpl:getftok", XccosWriter.replyIdFor("cmd:getfdtok"));
        assertEquals("rpl:bjoin", XccosWriter.replyIdFor("cmd:bjoin"));
    }

    @Test
    void whatItWritesParsesBack() throws Exception {
        String reply = writer.reply(5, 6, requri, XccosCode.SUCCESS_OK, null,
                XmlElement.of("uib").attribute("uri", "sip:\"odd\"&<uri>@d").build());

        XccosEnvelope parsed = new XccosParser().parse(reply);
        XmlElement uib = parsed.items().get(0).data().child("uib").orElseThrow();
        assertEquals("sip:\"odd\"&<uri>@d", uib.attribute("uri").orElseThrow());
    }
}
