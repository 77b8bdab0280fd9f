package org.groupchat.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A SIP client of a few lines for what sipp cannot do here (Debian's sipp has no TLS): one
 * connection, requests written as text, responses read by Content-Length.
 */
final class RawSip implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int cseq = 1;

    private RawSip(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** TCP from the given local address (a loopback address of its own keeps a test's source apart). */
    static RawSip tcp(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawSip(socket);
    }

    /** TCP from the given local address and port: a new connection from where an earlier one was. */
    static RawSip tcp(String localAddress, int localPort, int port) throws IOException {
        Socket socket = new Socket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), localPort));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawSip(socket);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Closes with a reset, which leaves no TIME_WAIT: the local port can be used again at once. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /**
     * TLS to the given port, accepting whatever certificate the server shows (the test checks it
     * itself); with {@code clientKeyStore} the client presents that key pair (mutual TLS).
     */
    static RawSip tls(int port, Path clientKeyStore) throws IOException, GeneralSecurityException {
        return new RawSip(tlsSocket(port, clientKeyStore));
    }

    /** A TLS connection as {@link #tls} makes it, for a client that speaks over it itself. */
    static SSLSocket tlsSocket(int port, Path clientKeyStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = null;
        if (clientKeyStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream file = Files.newInputStream(clientKeyStore)) {
                store.load(file, "it-peer-password".toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "it-peer-password".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] presented = keys == null ? null : new KeyManager[] {new AlwaysPresent((X509KeyManager) keys.getKeyManagers()[0])};
        context.init(presented, new TrustManager[] {new AcceptingTrustManager()}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    /** The certificate the server presented (TLS only). */
    X509Certificate serverCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /** Sends a request outside any dialog and returns the final response (provisional ones skipped). */
    String request(String method, String requestUri, String from, String to, String... extraHeaders) throws IOException {
        return requestWithBody(method, requestUri, from, to, "", extraHeaders);
    }

    /** A REGISTER of the user's own address in the test domain, with the credentials given (or none: null). */
    String register(String user, String authorization) throws IOException {
        String address = "sip:" + user + "@" + Sipp.DOMAIN;
        return authorization == null ? request("REGISTER", "sip:" + Sipp.DOMAIN, address, address)
                : request("REGISTER", "sip:" + Sipp.DOMAIN, address, address, authorization);
    }

    /** As {@link #request}, with a text/plain body. */
    String requestWithBody(String method, String requestUri, String from, String to, String body, String... extraHeaders)
            throws IOException {
        String transport = socket instanceof SSLSocket ? "TLS" : "TCP";
        StringBuilder message = new StringBuilder()
                .append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/").append(transport).append(' ').append(socket.getLocalAddress().getHostAddress())
                .append(':').append(socket.getLocalPort()).append(";branch=z9hG4bK").append(UUID.randomUUID()).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <").append(from).append(">;tag=").append(UUID.randomUUID().toString(), 0, 8).append("\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Call-ID: ").append(UUID.randomUUID()).append("\r\n")
                .append("CSeq: ").append(cseq++).append(' ').append(method).append("\r\n")
                .append("Contact: <sip:").append(socket.getLocalAddress().getHostAddress()).append(':')
                .append(socket.getLocalPort()).append(";transport=").append(transport.toLowerCase()).append(">\r\n");
        for (String header : extraHeaders) {
            message.append(header).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        message.append(content.length == 0 ? "" : "Content-Type: text/plain\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n\r\n").append(body);
        out.write(message.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String response;
        do {
            response = readMessage();
        } while (response.startsWith("SIP/2.0 1"));
        return response;
    }

    private String readMessage() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the server closed the connection");
            }
            if (head.size() == 0 && (next == '\r' || next == '\n')) {
                continue; // keep-alive CRLFs between messages
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = text.lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Presents the client's certificate even when the server names other issuers it would trust
     * (JSSE would otherwise send none), as a client trying its luck does.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509KeyManager keys;

        AlwaysPresent(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            String[] aliases = keys.getClientAliases("EC", null);
            return aliases == null ? null : aliases[0];
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
