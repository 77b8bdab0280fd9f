package org.groupchat.sip.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.config.GroupchatSettings.TlsSettings;

/**
 * The key material of SIP over TLS: the server's key pair from its key store (made by
 * scripts/configure-server.sh and registered with WildFly's Elytron subsystem as key-store
 * {@code groupchat-sip}), and the trusted peers' certificates, whose holders may assert who a
 * request is from (mutual TLS). No trust store: no peer is trusted.
 */
final class SipTls {

    private static final Logger LOG = Logger.getLogger(SipTls.class.getName());

    private SipTls() {
    }

    /** The TLS context, or empty (TLS off, logged with the reason) when TLS is off or has no key store. */
    static Optional<SSLContext> context(TlsSettings tls) {
        if (!tls.enabled()) {
            return Optional.empty();
        }
        if (!Files.isReadable(tls.keyStore())) {
            LOG.info(() -> "SIP over TLS is off: no key store at " + tls.keyStore() + " (" + GroupchatSettings.SIP_TLS_KEY_STORE
                    + "; scripts/configure-server.sh makes one)");
            return Optional.empty();
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(tls.keyStore(), tls.keyStorePassword()), tls.keyStorePassword().toCharArray());
            KeyStore peers = Files.isReadable(tls.trustStore()) ? load(tls.trustStore(), tls.trustStorePassword()) : empty();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(peers);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[] {new LoggedPeerCheck(trustManagerOf(trust))}, null);
            int trusted = peers.size();
            LOG.info(() -> "SIP over TLS: key store " + tls.keyStore() + ", " + trusted + " trusted peer certificate(s)"
                    + (Files.isReadable(tls.trustStore()) ? " from " + tls.trustStore() : " (no trust store at " + tls.trustStore() + ")")
                    + ", client certificates " + (tls.needClientCertificate() ? "required" : "optional"));
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("SIP over TLS cannot use its key material (" + tls.keyStore() + ", "
                    + tls.trustStore() + "): " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManagerOf(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The trust store's verdict on client certificates, with a log line for every one refused. */
    private static final class LoggedPeerCheck extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager trust;

        LoggedPeerCheck(X509ExtendedTrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                trust.checkClientTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw refused(chain, socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress()), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                trust.checkClientTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw refused(chain, engine == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                trust.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                throw refused(chain, "?", e);
            }
        }

        private static CertificateException refused(X509Certificate[] chain, String peer, CertificateException e) {
            String subject = chain == null || chain.length == 0 ? "none" : chain[0].getSubjectX500Principal().getName();
            LOG.warning(() -> "SIP over TLS: refused the client certificate of " + peer + " (" + subject
                    + "): the trust store does not verify it: " + e.getMessage());
            return e;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            trust.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            trust.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }

    private static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
