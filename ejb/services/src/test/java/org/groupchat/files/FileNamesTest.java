package org.groupchat.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void onlyTheLastPathSegmentIsKept() {
        assertEquals("passwd", FileNames.sanitize("../../etc/passwd"));
        assertEquals("boot.ini", FileNames.sanitize("..\\..\\windows\\boot.ini"));
        assertEquals("report.pdf", FileNames.sanitize("/home/alice/report.pdf"));
    }

    @Test
    void controlCharactersAndReservedOnesAreReplaced() {
        assertEquals("a_b.txt", FileNames.sanitize("a\u0000b.txt"));
        assertEquals("line_break.txt", FileNames.sanitize("line\nbreak.txt"));
        assertEquals("what_ why_.txt", FileNames.sanitize("what? why*.txt"));
        assertEquals("_quoted_.txt", FileNames.sanitize("\"quoted\".txt"));
    }

    @Test
    void leadingDotsAndTrailingDotsOrSpacesGo() {
        assertEquals("bashrc", FileNames.sanitize(".bashrc"));
        assertEquals("name", FileNames.sanitize("name. . "));
        assertEquals("", FileNames.sanitize(".."));
        assertEquals("", FileNames.sanitize("dir/"));
        assertEquals("", FileNames.sanitize(null));
    }

    @Test
    void anAbsurdlyLongNameIsCutKeepingItsExtension() {
        String cut = FileNames.sanitize("x".repeat(10_000) + ".tar.gz");
        assertEquals(FileNames.MAX_LENGTH, cut.length());
        assertEquals(".gz", cut.substring(cut.length() - 3));
    }

    @Test
    void ordinaryNamesStayAsTheyAre() {
        assertEquals("Quartalsbericht Ü3 (final).xlsx", FileNames.sanitize("Quartalsbericht Ü3 (final).xlsx"));
    }
}
