package org.groupchat.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Malformed SIP for the fuzz test: hand-written cases of the kinds RFC 4475 lists as invalid
 * (section 3.1.2), and a seeded generator that breaks well-formed requests a few ways at a time
 * (lines dropped, doubled or cut, bytes flipped, lengths that lie, start lines and headers garbled,
 * oversized fields). The same seed makes the same cases, so a failure can be replayed.
 */
final class MalformedSip {

    private static final String DOMAIN = Sipp.DOMAIN;
    private static final String[] GARBAGE_TOKENS = {"", " ", "\t", "\0", "<", ">", "\"", ";", ":", "@", "%", "%zz", "\r", "\n",
        "\u00ff", "\u00e9", "sip:", "sips:", "tel:", "999999999999999999999", "-1", "0", "*", "\\", "/", "SIP/2.0", "??"};
    private static final String[] HEADER_NAMES = {"Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Contact",
        "Content-Length", "Content-Type", "Expires", "Route", "Record-Route", "Supported", "Require", "Event", "Date", "v", "f", "t",
        "i", "l", "c", "X-Fuzz"};

    private final Random random;

    MalformedSip(long seed) {
        random = new Random(seed);
    }

    /** Invalid requests of the kinds RFC 4475 3.1.2 describes, written for this server's URIs. */
    static List<String> rfc4475Kinds(String localAddress) {
        String via = "Via: SIP/2.0/TCP " + localAddress + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n";
        String ids = "Call-ID: " + UUID.randomUUID() + "\r\nMax-Forwards: 70\r\n";
        String to = "To: <sip:ocschat@" + DOMAIN + ">\r\n";
        String from = "From: <sip:fuzz@" + DOMAIN + ">;tag=f1\r\n";
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=message 5060 sip null\r\n";
        String invite = "INVITE sip:ocschat@" + DOMAIN + " SIP/2.0\r\n";
        return List.of(
                // extraneous header field separators, and a header with no colon
                invite + via + to + from + ids + "CSeq: 1 INVITE\r\nContact: <sip:fuzz@" + localAddress + ">\r\nExpires: 3600 ;; ;;\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n",
                // Content-Length larger than the message (the connection ends first)
                invite + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 9999\r\n\r\n" + sdp,
                // negative Content-Length
                invite + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: -999\r\n\r\n" + sdp,
                // scalar fields with overlarge values
                "OPTIONS sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + "Call-ID: " + UUID.randomUUID()
                        + "\r\nMax-Forwards: 300\r\nCSeq: 36893488147419103232 OPTIONS\r\nExpires: 1" + "0".repeat(40) + "\r\nContent-Length: 0\r\n\r\n",
                // an unterminated quoted display name
                invite + via + to + "From: \"fuzz <sip:fuzz@" + DOMAIN + ">;tag=f2\r\n" + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // <> around the Request-URI
                "INVITE <sip:ocschat@" + DOMAIN + "> SIP/2.0\r\n" + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // LWS inside the Request-URI
                "INVITE sip:ocs chat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // several spaces between the start line's elements, and spaces after it
                "OPTIONS  sip:ocschat@" + DOMAIN + "   SIP/2.0   \r\n" + via + to + from + ids + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
                // escaped headers in the Request-URI of an INVITE
                "INVITE sip:ocschat@" + DOMAIN + "?Route=%3Csip:evil.example%3E SIP/2.0\r\n" + via + to + from + ids
                        + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // an invalid time zone in Date
                "OPTIONS sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + ids
                        + "CSeq: 1 OPTIONS\r\nDate: Fri, 01 Jan 2010 16:00:00 EST\r\nContent-Length: 0\r\n\r\n",
                // a name-addr with parameters not enclosed in <>
                "REGISTER sip:" + DOMAIN + " SIP/2.0\r\n" + via + "To: sip:fuzz@" + DOMAIN + "\r\n" + from + ids
                        + "CSeq: 1 REGISTER\r\nContact: sip:fuzz@" + localAddress + ";expires=60?Route=x\r\nContent-Length: 0\r\n\r\n",
                // spaces inside an addr-spec
                invite + via + "To: <sip:ocs chat @ " + DOMAIN + ">\r\n" + from + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // non-token characters in a display name
                invite + via + to + "From: Bell, Alexander <sip:fuzz@" + DOMAIN + ">;tag=f3\r\n" + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // an unknown protocol version
                "OPTIONS sip:ocschat@" + DOMAIN + " SIP/7.0\r\n" + via + to + from + ids + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
                // start line and CSeq methods that differ
                "OPTIONS sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // an unknown method whose CSeq names another
                "NEWMETHOD sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + ids + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                // an overlarge response code, sent to the server as if it were a client's answer
                "SIP/2.0 4294967301 better not break the receiver\r\n" + via + to + from + ids + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
                // no Via, no Call-ID
                "OPTIONS sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + to + from + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
                // a body larger than its Content-Type says it is, in a language the server does not speak
                "INFO sip:ocschat@" + DOMAIN + " SIP/2.0\r\n" + via + to + from + ids
                        + "CSeq: 1 INFO\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n<xccos>not closed");
    }

    /** The next generated case: a well-formed request broken one to three ways. */
    byte[] next(String localAddress) {
        List<String> lines = new ArrayList<>(Arrays.asList(wellFormed(localAddress).split("\r\n", -1)));
        int breaks = 1 + random.nextInt(3);
        for (int i = 0; i < breaks; i++) {
            breakOneWay(lines);
        }
        byte[] bytes = String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        if (random.nextInt(8) == 0) { // bytes flipped anywhere, CR and LF included
            for (int flips = 1 + random.nextInt(4); flips > 0 && bytes.length > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
        }
        if (random.nextInt(10) == 0 && bytes.length > 1) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    private String wellFormed(String localAddress) {
        String method = pick(new String[] {"OPTIONS", "INVITE", "REGISTER", "INFO", "MESSAGE", "SUBSCRIBE", "BYE", "ACK", "CANCEL"});
        String target = pick(new String[] {"sip:ocschat@" + DOMAIN, "sip:channel-it-node@" + DOMAIN, "sip:" + DOMAIN});
        String body = switch (method) {
            case "INVITE" -> "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=message 5060 sip null\r\n";
            case "INFO", "MESSAGE" -> "<xccos ver=\"1\" envid=\"1\" xmlns=\"urn:parlano:xml:ns:xccos\"><cmd id=\"cmd:requri\" seqid=\"1\"><data/></cmd></xccos>";
            default -> "";
        };
        String type = method.equals("INVITE") ? "application/sdp" : "text/plain";
        return method + " " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + localAddress + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:fuzz" + random.nextInt(100) + "@" + DOMAIN + ">;tag=" + random.nextInt(1_000_000) + "\r\n"
                + "To: <" + target + ">\r\n"
                + "Call-ID: " + UUID.randomUUID() + "\r\n"
                + "CSeq: " + (1 + random.nextInt(1000)) + " " + method + "\r\n"
                + "Contact: <sip:fuzz@" + localAddress + ";transport=tcp>\r\n"
                + (body.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n" + body;
    }

    private void breakOneWay(List<String> lines) {
        int headEnd = Math.max(1, lines.indexOf(""));
        int line = random.nextInt(headEnd);
        switch (random.nextInt(10)) {
            case 0 -> lines.remove(line);
            case 1 -> lines.add(line, lines.get(line));
            case 2 -> lines.set(line, cut(lines.get(line)));
            case 3 -> lines.add(1 + random.nextInt(headEnd), pick(HEADER_NAMES) + ":" + garbage(1 + random.nextInt(6)));
            case 4 -> lines.add(1 + random.nextInt(headEnd), pick(HEADER_NAMES) + ": " + "x".repeat(random.nextInt(20_000)));
            case 5 -> replaceHeader(lines, "Content-Length", pick(new String[] {"-1", "99999999", "abc", "", "1e3", "0x10", " 0 0",
                Integer.toString(random.nextInt(2000))}));
            case 6 -> lines.set(0, garbleStartLine(lines.get(0)));
            case 7 -> lines.set(line, lines.get(line).replaceFirst(":", Matcher.quoteReplacement(garbage(1))));
            case 8 -> lines.add(1 + random.nextInt(headEnd), " folded" + garbage(2)); // a continuation line
            default -> {
                String text = lines.get(line);
                int at = text.isEmpty() ? 0 : random.nextInt(text.length());
                lines.set(line, text.substring(0, at) + garbage(1 + random.nextInt(3)) + text.substring(at));
            }
        }
    }

    private String garbleStartLine(String start) {
        String[] parts = start.split(" ", -1);
        int which = random.nextInt(parts.length);
        parts[which] = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> garbage(1 + random.nextInt(4));
            case 2 -> parts[which] + parts[which];
            default -> "SIP/" + random.nextInt(10) + "." + random.nextInt(10);
        };
        return String.join(random.nextBoolean() ? " " : "  ", parts);
    }

    private void replaceHeader(List<String> lines, String name, String value) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + ":")) {
                lines.set(i, name + ": " + value);
                return;
            }
        }
    }

    private String cut(String text) {
        return text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
    }

    private String garbage(int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(pick(GARBAGE_TOKENS));
        }
        return text.toString();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
