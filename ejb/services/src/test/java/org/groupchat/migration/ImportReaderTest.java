package org.groupchat.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.groupchat.channel.Privacy;
import org.groupchat.channel.RoomType;
import org.junit.jupiter.api.Test;

/** Reading Skype for Business's exports: what a row means, and where a problem is. */
class ImportReaderTest {

    private final ImportReader reader = new ImportReader(10_000);

    @Test
    void roomsAsExportCsvWritesThemWithTheTypeLineAndAByteOrderMark() {
        reader.rooms("rooms.csv", utf8("\uFEFF#TYPE Selected.Microsoft.Rtc.PersistentChatRoom\r\n"
                + "\"Identity\",\"Name\",\"Description\",\"Category\",\"Privacy\",\"Type\",\"Members\",\"Managers\",\"Presenters\",\"Disabled\",\"Invitations\"\r\n"
                + "\"pool\\Desk\",\"Desk\",\"two\r\nlines\",\"pool\\Trading\",\"Closed\",\"Auditorium\",\"sip:A@x.org; bob@x.org\",\"{}\",\"group:Leads\",\"True\",\"Inherit\"\r\n"
                + "\"pool\\Other\",\"Other\",\"\",\"pool\\Trading\",\"\",\"\",\"\",\"\",\"\",\"False\",\"False\"\r\n"));
        List<RoomRow> rooms = reader.source().rooms();
        RoomRow desk = rooms.get(0);
        assertEquals("Desk", desk.name());
        assertEquals("Trading", desk.category());
        assertEquals("two\r\nlines", desk.description());
        assertEquals(Privacy.CLOSED, desk.privacy());
        assertEquals(RoomType.AUDITORIUM, desk.type());
        assertEquals(List.of("sip:A@x.org", "sip:bob@x.org"), desk.members());
        assertEquals(List.of(), desk.managers());
        assertEquals(List.of("group:Leads"), desk.presenters());
        assertTrue(desk.disabled());
        assertEquals(null, desk.invite());
        assertEquals(3, desk.line());
        RoomRow other = rooms.get(1);
        assertEquals(5, other.line(), "the line after a record with a line break");
        assertEquals(Privacy.OPEN, other.privacy());
        assertEquals(Boolean.FALSE, other.invite());
    }

    @Test
    void everyBadRowIsNamedByItsLine() {
        reader.categories("categories.csv", utf8("Name,AllowedMembers,DeniedMembers,Creators,Invitations,FileUpload\n"
                + "Good,@x.org,,,True,\n"
                + "Listed,System.Collections.Generic.List`1[System.String],,,,\n"
                + "Directory,\"CN=Traders,OU=Groups,DC=contoso,DC=com\",,,maybe,\n"));
        reader.rooms("rooms.csv", utf8("Name,Category,Privacy\nA,Trading,Public\n"));
        reader.history("h.xml", utf8("<Conversations><Conversation>\n<Channel uri=\"u\" name=\"A\"/><Messages>\n"
                + "<Message type=\"CHAT\" content=\"x\"><Sender uri=\"a@x.org\"/><DateTimeUTC since1970=\"1\"/></Message>\n"
                + "</Messages></Conversation></Conversations>"));
        List<String> problems = assertThrows(ImportRefused.class, reader::source).problems().stream().map(ImportProblem::toString).toList();
        assertEquals(List.of(
                "categories.csv line 3: AllowedMembers holds the list's type name (System.Collections.Generic.List`1[System.String]), "
                        + "not its entries: export it joined, @{n='AllowedMembers';e={$_.AllowedMembers -join ';'}}",
                "categories.csv line 4: AllowedMembers entry 'CN=Traders,OU=Groups,DC=contoso,DC=com' is a directory name; "
                        + "give the SIP URIs, @domain or group:NAME it stands for",
                "categories.csv line 4: Invitations 'maybe' is neither True nor False",
                "rooms.csv line 2: Privacy 'Public' is not one of [Open, Closed, Secret]",
                "h.xml line 3: the message has no id (what tells a second run it was imported)"), problems);
    }

    @Test
    void historyKeepsChatMessagesAndCountsTheRest() {
        reader.history("h.xml", utf8("<?xml version=\"1.0\"?><Conversations><Conversation><Channel uri=\"ma-chan://p/1\" name=\"Desk\"/>"
                + "<FirstMessage type=\"JOIN\" content=\"\" id=\"1\"><Sender uri=\"a@x.org\"/><DateTimeUTC since1970=\"1000\"/></FirstMessage>"
                + "<Messages><Message type=\"JOIN\" content=\"\" id=\"1\"><Sender uri=\"a@x.org\"/><DateTimeUTC since1970=\"1000\"/></Message>"
                + "<Message type=\"CHAT\" content=\"hi &amp; bye\" id=\"2\" storyTitle=\"T\" alert=\"true\"><Sender uri=\"A@x.org\"/>"
                + "<DateTimeUTC string=\"2024-03-04T08:00:00Z\"/></Message></Messages></Conversation></Conversations>"));
        Conversation desk = reader.source().conversations().get(0);
        assertEquals("Desk", desk.channelName());
        assertEquals(1, desk.skipped());
        HistoryMessage message = desk.messages().get(0);
        assertEquals("ma-chan://p/1#2", message.sourceKey());
        assertEquals("sip:a@x.org", message.sender());
        assertEquals(Instant.parse("2024-03-04T08:00:00Z"), message.postedAt());
        assertEquals("hi & bye", message.text());
        assertEquals("T", message.storyTitle());
        assertTrue(message.alert());
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        reader.history("evil.xml", utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Conversations>&x;</Conversations>"));
        List<ImportProblem> problems = assertThrows(ImportRefused.class, reader::source).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith("evil.xml line 2: not well-formed XML"), problems.toString());
    }

    private static ByteArrayInputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
