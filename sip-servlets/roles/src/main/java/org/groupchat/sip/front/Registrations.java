package org.groupchat.sip.front;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is registered, with which contacts, until when. The server never calls users outside
 * their own dialogs, so this is the registrar's memory (for the REGISTER answers and the logs),
 * not a location service: it lives in memory and a restart makes clients register again.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Registrations {

    private final Map<String, Map<String, Instant>> contactsByUser = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Binds the contact for that long; zero removes it. */
    public void bind(String user, String contact, Duration expires) {
        Map<String, Instant> contacts = contactsByUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>());
        if (expires.isZero()) {
            contacts.remove(contact);
        } else {
            contacts.put(contact, clock.instant().plus(expires));
        }
    }

    public void unbindAll(String user) {
        contactsByUser.remove(user);
    }

    /** The user's contacts that have not expired, each with the seconds it has left. */
    public List<Binding> bindings(String user) {
        Instant now = clock.instant();
        Map<String, Instant> contacts = contactsByUser.getOrDefault(user, Map.of());
        contacts.values().removeIf(until -> !until.isAfter(now));
        return contacts.entrySet().stream()
                .map(entry -> new Binding(entry.getKey(), Duration.between(now, entry.getValue()).toSeconds()))
                .toList();
    }

    public int registeredUsers() {
        return (int) contactsByUser.values().stream().filter(contacts -> !contacts.isEmpty()).count();
    }

    /** A contact and the seconds it stays bound. */
    public record Binding(String contact, long expiresSeconds) {
    }
}
