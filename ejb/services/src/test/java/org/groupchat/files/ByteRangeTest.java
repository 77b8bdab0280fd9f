package org.groupchat.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theThreeFormsOfOneRange() {
        assertEquals(Optional.of(new ByteRange(10, 19)), ByteRange.parse("bytes=10-19", 100));
        assertEquals(Optional.of(new ByteRange(90, 99)), ByteRange.parse("bytes=90-", 100));
        assertEquals(Optional.of(new ByteRange(95, 99)), ByteRange.parse("bytes=-5", 100));
    }

    @Test
    void aRangePastTheEndIsCutToTheFile() {
        assertEquals(Optional.of(new ByteRange(50, 99)), ByteRange.parse("bytes=50-5000", 100));
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=-500", 100));
        assertEquals("bytes 50-99/100", new ByteRange(50, 99).contentRange(100));
        assertEquals(50, new ByteRange(50, 99).length());
    }

    @Test
    void aRangeThatStartsBeyondTheEndCannotBeMet() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
    }

    @Test
    void whatIsNotOneValidRangeMeansTheWholeFile() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 100));
        assertEquals(Optional.empty(), ByteRange.parse("lines=1-2", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=-", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=20-10", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=99999999999999999999-", 100));
    }
}
