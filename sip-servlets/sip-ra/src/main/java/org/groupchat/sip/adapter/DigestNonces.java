package org.groupchat.sip.adapter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The nonces of SIP digest challenges: each says when it was issued and is signed with a key that
 * lives only in this server's memory, so that the server keeps nothing for a challenge it sends
 * (anyone may ask for as many as they like) and still knows its own nonces from forged ones. A
 * nonce is good for {@link #LIFETIME} and for one REGISTER: the nonces that signed a REGISTER in are
 * remembered until they expire (only a client with the password adds to that list), so a captured
 * REGISTER cannot be played again.
 */
final class DigestNonces {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    /** The used nonces in the order they were used, so that the expired ones leave from the front. */
    private final Queue<UsedNonce> usedInOrder = new ConcurrentLinkedQueue<>();

    DigestNonces() {
        random.nextBytes(key);
    }

    /** A new nonce issued {@code now}: its seconds, 8 random bytes, and their signature. */
    String issue(Instant now) {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        String issued = now.getEpochSecond() + "." + HEX.formatHex(salt);
        return issued + "." + signature(issued);
    }

    /** Whether this server issued the nonce and it is still within its lifetime {@code now}. */
    boolean isIssuedAndFresh(String nonce, Instant now) {
        if (nonce == null) {
            return false;
        }
        int lastDot = nonce.lastIndexOf('.');
        int firstDot = nonce.indexOf('.');
        if (firstDot <= 0 || lastDot == firstDot) {
            return false;
        }
        String issued = nonce.substring(0, lastDot);
        byte[] expected = signature(issued).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, nonce.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(nonce.substring(0, firstDot)));
            return !at.isAfter(now) && at.plus(LIFETIME).isAfter(now);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Spends the nonce: true the first time, false when a REGISTER has already used it. */
    boolean spend(String nonce, Instant now) {
        forgetExpired(now);
        if (used.putIfAbsent(nonce, now) != null) {
            return false;
        }
        usedInOrder.add(new UsedNonce(nonce, now));
        return true;
    }

    /** How many spent nonces are remembered (each until its lifetime is over). */
    int remembered() {
        return used.size();
    }

    private void forgetExpired(Instant now) {
        Instant oldest = now.minus(LIFETIME);
        for (UsedNonce head = usedInOrder.peek(); head != null && head.at().isBefore(oldest); head = usedInOrder.peek()) {
            usedInOrder.poll();
            used.remove(head.nonce());
        }
    }

    private String signature(String issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(issued.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private record UsedNonce(String nonce, Instant at) {
    }
}
