package org.groupchat.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ComplianceExportCsvTest {

    @Test
    void quotesFieldsWithSeparatorsQuotesAndLineBreaks() {
        assertEquals("plain text", ComplianceExport.csv("plain text"));
        assertEquals("\"a, b\"", ComplianceExport.csv("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", ComplianceExport.csv("say \"hi\""));
        assertEquals("\"two\nlines\"", ComplianceExport.csv("two\nlines"));
        assertEquals("", ComplianceExport.csv(""));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreKeptAsText() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"",
                ComplianceExport.csv("=HYPERLINK(\"http://evil.example\",\"click\")"));
        assertEquals("\"'+1+1\"", ComplianceExport.csv("+1+1"));
        assertEquals("\"'-2+3\"", ComplianceExport.csv("-2+3"));
        assertEquals("\"'@SUM(A1:A9)\"", ComplianceExport.csv("@SUM(A1:A9)"));
        assertEquals("\"'\tcmd\"", ComplianceExport.csv("\tcmd"));
        assertEquals("a=b", ComplianceExport.csv("a=b"));
    }
}
