package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestNoncesTest {

    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");
    private final DigestNonces nonces = new DigestNonces();

    @Test
    void knowsItsOwnNoncesFromForgedOnes() {
        String nonce = nonces.issue(NOON);
        assertTrue(nonces.isIssuedAndFresh(nonce, NOON));
        assertNotEquals(nonce, nonces.issue(NOON), "two challenges, two nonces");

        String[] parts = nonce.split("\\.");
        String laterIssued = (Long.parseLong(parts[0]) + 200) + "." + parts[1] + "." + parts[2];
        assertFalse(nonces.isIssuedAndFresh(laterIssued, NOON.plusSeconds(400)), "a nonce whose time was changed");
        assertFalse(nonces.isIssuedAndFresh(parts[0] + "." + parts[1] + ".00112233445566778899aabbccddeeff", NOON));
        assertFalse(nonces.isIssuedAndFresh(new DigestNonces().issue(NOON), NOON), "another server's (another key's) nonce");
        assertFalse(nonces.isIssuedAndFresh("a-nonce-never-issued", NOON));
        assertFalse(nonces.isIssuedAndFresh(null, NOON));
    }

    @Test
    void aNonceLastsFiveMinutes() {
        String nonce = nonces.issue(NOON);
        assertTrue(nonces.isIssuedAndFresh(nonce, NOON.plus(Duration.ofMinutes(4).plusSeconds(59))));
        assertFalse(nonces.isIssuedAndFresh(nonce, NOON.plus(Duration.ofMinutes(5))));
        assertFalse(nonces.isIssuedAndFresh(nonce, NOON.minusSeconds(1)), "issued in the future");
    }

    @Test
    void aNonceSignsOneRegisterInAndIsForgottenWhenItHasExpired() {
        String nonce = nonces.issue(NOON);
        assertTrue(nonces.spend(nonce, NOON));
        assertFalse(nonces.spend(nonce, NOON.plusSeconds(1)), "the same nonce a second time");
        assertEquals(1, nonces.remembered());

        Instant later = NOON.plus(DigestNonces.LIFETIME).plusSeconds(1);
        assertTrue(nonces.spend(nonces.issue(later), later));
        assertEquals(1, nonces.remembered(), "the expired one is no longer kept");
    }
}
