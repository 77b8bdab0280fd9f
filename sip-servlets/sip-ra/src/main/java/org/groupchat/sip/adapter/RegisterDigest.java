package org.groupchat.sip.adapter;

import gov.nist.javax.sip.clientauthutils.DigestServerAuthenticationHelper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.groupchat.sip.SipUri;

/**
 * SIP digest authentication of REGISTER ({@code groupchat.front.registration=digest}, RFC 3261
 * 22.4): a REGISTER without credentials is challenged (401), one whose credentials check out goes
 * on to the front role, any other is refused (403) and logged. JAIN-SIP's
 * {@link DigestServerAuthenticationHelper} makes the challenge and checks the response (it is
 * written for proxies, so its headers are translated to and from the registrar's); this class
 * adds what it leaves out: the user must be the one registered (To, in any case), and the
 * nonce must be one this server issued in the last five minutes and not used by a REGISTER yet
 * ({@link DigestNonces}), so that a captured REGISTER cannot be played again.
 * A good REGISTER signs its connection in as that user for the registration's lifetime, or until
 * the connection closes: the adapter serves other requests only from signed-in connections, for
 * their own user.
 * Users and their HA1 are in {@code groupchat-sip-users.properties} (scripts/set-sip-password.sh),
 * read again within seconds when the file changes. Called on the stack's one event thread
 * (the helper's MessageDigest is not safe for several).
 */
final class RegisterDigest {

    private static final Logger LOG = Logger.getLogger(RegisterDigest.class.getName());
    private static final Duration USERS_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final String realm;
    private final Path users;
    private final DigestServerAuthenticationHelper digest;
    private final Clock clock = Clock.systemUTC();
    private final DigestNonces nonces = new DigestNonces();
    private volatile Loaded loaded = new Loaded(null, null, new Properties());
    /**
     * Who each connection signed in as with a REGISTER, and until when, by its transport:host:port;
     * over TCP and TLS only while it is the same connection, not a later one from that port.
     */
    private final Map<String, SignedIn> connections = new ConcurrentHashMap<>();

    RegisterDigest(String realm, Path users) {
        this.realm = realm;
        this.users = users;
        try {
            this.digest = new DigestServerAuthenticationHelper();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5 for SIP digest", e);
        }
    }

    /** The answer to send instead of passing the REGISTER on, or empty when its credentials check out. */
    Optional<Refusal> refusal(JainSipRequest register, Request request, SipStackHost host) throws ParseException {
        AuthorizationHeader credentials = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (credentials == null || !nonces.isIssuedAndFresh(credentials.getNonce(), clock.instant())) {
            return Optional.of(challenge(request, host));
        }
        String user = credentials.getUsername();
        URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String registered = to.toString();
        String ha1 = users().getProperty(user == null ? "" : user);
        if (ha1 == null || !realm.equals(credentials.getRealm()) || !names(to, user)
                || !digest.doAuthenticateHashedPassword(asProxyAuthorized(request, credentials, host), ha1)) {
            nonces.spend(credentials.getNonce(), clock.instant());
            LOG.warning(() -> "403 to REGISTER of " + registered + " from " + register.remoteAddress() + ": wrong credentials (user "
                    + user + ", realm " + credentials.getRealm() + ")");
            return Optional.of(new Refusal(Response.FORBIDDEN, "Wrong user name or password for " + registered, null));
        }
        if (!nonces.spend(credentials.getNonce(), clock.instant())) {
            LOG.warning(() -> "401 to REGISTER of " + registered + " from " + register.remoteAddress()
                    + ": its nonce has signed in a REGISTER already (a REGISTER played again?)");
            return Optional.of(challenge(request, host));
        }
        // as the rest of the server names users (SipUri): user and host in lower case
        signIn(register, request, new SipUri(user, realm).toString());
        return Optional.empty();
    }

    /** A 401 with a new challenge. */
    private Refusal challenge(Request request, SipStackHost host) throws ParseException {
        // JAIN-SIP's helper speaks for proxies (Proxy-Authenticate); a registrar sends the same challenge as WWW-Authenticate.
        Response scratch = host.messageFactory().createResponse(Response.UNAUTHORIZED, request);
        digest.generateChallenge(host.headerFactory(), scratch, realm);
        ProxyAuthenticateHeader challenge = (ProxyAuthenticateHeader) scratch.getHeader(ProxyAuthenticateHeader.NAME);
        challenge.setNonce(nonces.issue(clock.instant()));
        String value = challenge.toString();
        return new Refusal(Response.UNAUTHORIZED, "Unauthorized", value.substring(value.indexOf(':') + 1).trim());
    }

    /**
     * Whether the registered address is the user's own, user and host compared without regard to
     * case as everywhere in this server ({@link SipUri}): a user signed in as Dana is then served as
     * the dana its requests name.
     */
    private boolean names(URI registered, String user) {
        return registered instanceof SipURI sip && user != null && user.equalsIgnoreCase(sip.getUser())
                && realm.equalsIgnoreCase(sip.getHost());
    }

    /**
     * The user the request's connection signed in as (a REGISTER with good credentials over the same
     * connection, not expired), or empty: the sender of any other request must be that user.
     */
    Optional<String> signedInUser(JainSipRequest request) {
        String address = request.peerAddress().toString();
        SignedIn signedIn = connections.get(address);
        if (signedIn == null || signedIn.until().isBefore(clock.instant())) {
            return Optional.empty();
        }
        if (!signedIn.isOn(request.connection())) {
            // the connection that signed in has closed; this one reuses its address and port
            connections.remove(address, signedIn);
            LOG.info(() -> "the sign-in of " + signedIn.user() + " from " + address + " ended with its connection");
            return Optional.empty();
        }
        return Optional.of(signedIn.user());
    }

    private void signIn(JainSipRequest register, Request request, String user) {
        ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        long seconds = expires == null ? 3600 : Math.min(expires.getExpires(), 7200);
        String connection = register.peerAddress().toString();
        if (seconds == 0) {
            connections.remove(connection);
        } else {
            connections.put(connection, new SignedIn(user, clock.instant().plusSeconds(seconds),
                    register.connection().map(WeakReference::new).orElse(null)));
        }
        if (connections.size() > 100_000) {
            Instant now = clock.instant();
            connections.values().removeIf(signedIn -> signedIn.until().isBefore(now) || signedIn.connectionGone());
        }
    }

    /** @param connection the TCP or TLS connection signed in (weakly: JAIN-SIP lets go of it when it closes), null over UDP */
    private record SignedIn(String user, Instant until, WeakReference<Object> connection) {

        boolean isOn(Optional<Object> requestConnection) {
            return connection == null || connection.get() == requestConnection.orElse(null);
        }

        boolean connectionGone() {
            return connection != null && connection.get() == null;
        }
    }

    /** A copy of the request with its Authorization as Proxy-Authorization, which is what the helper reads. */
    private static Request asProxyAuthorized(Request request, AuthorizationHeader credentials, SipStackHost host) throws ParseException {
        Request copy = (Request) request.clone();
        String value = credentials.toString();
        copy.removeHeader(AuthorizationHeader.NAME);
        for (Header header : host.headers(ProxyAuthorizationHeader.NAME, value.substring(value.indexOf(':') + 1).trim())) {
            copy.setHeader(header);
        }
        return copy;
    }

    /**
     * The users, read again when the file has changed; the file is looked at once every few
     * seconds at most, since this runs on the stack's event thread.
     */
    private Properties users() {
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current.checked() != null && now.isBefore(current.checked().plus(USERS_CHECK_INTERVAL))) {
            return current.users();
        }
        try {
            Instant modified = Files.exists(users) ? Files.getLastModifiedTime(users).toInstant() : null;
            Properties read = current.users();
            if (modified != null && !modified.equals(current.modified())) {
                read = new Properties();
                try (InputStream in = Files.newInputStream(users)) {
                    read.load(in);
                }
            }
            loaded = new Loaded(modified, now, read);
        } catch (IOException e) {
            LOG.warning(() -> "cannot read the SIP users in " + users + ": " + e.getMessage());
            loaded = new Loaded(current.modified(), now, current.users());
        }
        return loaded.users();
    }

    /** A 401 with its challenge, or a 403. */
    record Refusal(int status, String reason, String wwwAuthenticate) {
    }

    private record Loaded(Instant modified, Instant checked, Properties users) {
    }
}
