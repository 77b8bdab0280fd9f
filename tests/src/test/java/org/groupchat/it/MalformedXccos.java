package org.groupchat.it;

import java.util.Random;

/**
 * Malformed XCCOS bodies for the fuzz test: well-formed commands of the channel protocol (join,
 * history, post, search, server info, file tokens) broken a few ways at a time (cut, tags dropped
 * or doubled, attributes garbled or oversized, other namespaces, entities and DTDs, deep nesting,
 * bytes that are not characters). Seeded: the same seed makes the same cases.
 */
final class MalformedXccos {

    private static final String NAMESPACE = "urn:parlano:xml:ns:xccos";
    private static final String[] GARBAGE = {"", "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "&unknown;", "\"", "'", "]]>", "<!--",
        "-->", "<?xml version=\"1.0\"?>", "\u0000", "\u0001", "\uFFFE", "\uD800", "x:", "xmlns=\"\"", " ", "\t", "999999999999999999999",
        "-1", "ma-chan://", "sip:", "%00", "\u00e9"};

    private final Random random;
    private final long room;
    private final String domain;

    MalformedXccos(long seed, long room, String domain) {
        this.random = new Random(seed);
        this.room = room;
        this.domain = domain;
    }

    /** Hostile bodies every server must survive, each its own case. */
    String[] classics() {
        String entities = "<!DOCTYPE xccos [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>";
        String post = "<grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"ma-chan://" + domain + "/" + room + "\"><chat>";
        return new String[] {
            entities + "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\">" + post + "&d;&d;&d;&d;&d;&d;</chat></grpchat></xccos>",
            "<!DOCTYPE xccos [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\">"
                    + post + "&x;</chat></grpchat></xccos>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\">" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</xccos>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:other\">" + post + "hello</chat></grpchat></xccos>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\" " + "a=\"1\" ".repeat(2000) + "/>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\">" + post.replace("seqid=\"1\"", "seqid=\"1\" seqid=\"2\"") + "x</chat></grpchat></xccos>",
            "",
            "not xml at all",
            "<xccos/>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\"><cmd id=\"cmd:bccontext\" seqid=\"1\"><data><chanib uri=\"ma-chan://"
                    + domain + "/" + room + "\"/><bcq><last cnt=\"2147483647\"/></bcq></data></cmd></xccos>",
            "<xccos ver=\"1\" envid=\"1\" xmlns=\"" + NAMESPACE + "\"><cmd id=\"cmd:join\" seqid=\"1\"><data><chanid key=\"0\" domain=\""
                    + domain + "\" value=\"-1\"/></data></cmd></xccos>",
        };
    }

    /** The next generated body: a well-formed command broken one to three ways. */
    String next() {
        StringBuilder body = new StringBuilder(wellFormed());
        for (int breaks = 1 + random.nextInt(3); breaks > 0; breaks--) {
            breakOneWay(body);
        }
        return body.toString();
    }

    private String wellFormed() {
        String chan = "ma-chan://" + domain + "/" + room;
        String item = switch (random.nextInt(7)) {
            case 0 -> "<cmd id=\"cmd:join\" seqid=\"1\"><data><chanid key=\"0\" domain=\"" + domain + "\" value=\"" + room + "\"/></data></cmd>";
            case 1 -> "<cmd id=\"cmd:bccontext\" seqid=\"2\"><data><chanib uri=\"" + chan + "\"/><bcq><last cnt=\"5\"/></bcq></data></cmd>";
            case 2 -> "<grpchat id=\"grpchat\" seqid=\"3\" chanUri=\"" + chan + "\"><chat>fuzz " + random.nextInt() + "</chat></grpchat>";
            case 3 -> "<cmd id=\"cmd:requri\" seqid=\"4\"><data/></cmd>";
            case 4 -> "<cmd id=\"cmd:bcsearch\" seqid=\"5\"><data><qib qtype=\"BYTEXT\" criteria=\"fuzz\"/></data></cmd>";
            case 5 -> "<cmd id=\"cmd:getfutok\" seqid=\"6\"><data><chanib uri=\"" + chan + "\"/><file name=\"f.txt\" size=\"3\"/></data></cmd>";
            default -> "<cmd id=\"cmd:part\" seqid=\"7\"><data><chanib uri=\"" + chan + "\"/></data></cmd>";
        };
        return "<xccos ver=\"1\" envid=\"" + random.nextInt(1000) + "\" xmlns=\"" + NAMESPACE + "\">" + item + "</xccos>";
    }

    private void breakOneWay(StringBuilder body) {
        int at = random.nextInt(body.length() + 1);
        switch (random.nextInt(8)) {
            case 0 -> body.setLength(at); // cut
            case 1 -> body.insert(at, garbage(1 + random.nextInt(4)));
            case 2 -> { // an attribute's value replaced
                int quote = body.indexOf("\"", at);
                int end = quote < 0 ? -1 : body.indexOf("\"", quote + 1);
                if (end > quote) {
                    body.replace(quote + 1, end, random.nextBoolean() ? garbage(2) : "v".repeat(random.nextInt(100_000)));
                }
            }
            case 3 -> { // a tag dropped
                int open = body.indexOf("<", at);
                int close = open < 0 ? -1 : body.indexOf(">", open);
                if (close > open) {
                    body.delete(open, close + 1);
                }
            }
            case 4 -> { // a tag doubled
                int open = body.indexOf("<", at);
                int close = open < 0 ? -1 : body.indexOf(">", open);
                if (close > open) {
                    body.insert(open, body.substring(open, close + 1));
                }
            }
            case 5 -> body.insert(at, "<x:" + garbage(1) + " xmlns:x=\"urn:x\">");
            case 6 -> { // an element name changed
                int open = body.indexOf("<", at);
                if (open >= 0 && open + 1 < body.length()) {
                    body.insert(open + 1, garbage(1).replace("<", "").replace(">", ""));
                }
            }
            default -> body.insert(at, "&#" + random.nextInt(0x120000) + ";");
        }
    }

    private String garbage(int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(GARBAGE[random.nextInt(GARBAGE.length)]);
        }
        return text.toString();
    }
}
