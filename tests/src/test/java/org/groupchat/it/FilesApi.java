package org.groupchat.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The Web service's HTTPS side as a client sees it. The test server's certificate is WildFly's
 * self-signed one, made on first use: this client accepts it (and nothing here is secret).
 */
final class FilesApi {

    private static final Pattern TOKEN = Pattern.compile("<token token=\"([^\"]+)\" serveruri=\"([^\"]+)\"");

    private final SSLContext tls;
    private final HttpClient client;

    FilesApi() throws GeneralSecurityException {
        tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new AcceptingTrustManager()}, new SecureRandom());
        client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The URI to move the file to or from, out of a {@code rpl:getftok} reply in a sipp log. */
    static URI fileUri(String sippLog) {
        Matcher token = TOKEN.matcher(sippLog);
        if (!token.find()) {
            throw new AssertionError("no token in the reply:\n" + sippLog);
        }
        return URI.create(token.group(2) + token.group(1));
    }

    HttpResponse<String> upload(URI uri, byte[] content) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads {@code size} pseudo-random bytes made as they are sent (chunked: no length up front). */
    HttpResponse<String> upload(URI uri, GeneratedContent content) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofInputStream(() -> content))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Announces {@code announced} bytes, sends {@code sent} of them and closes the connection. */
    void uploadAndHangUp(URI uri, long announced, int sent) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + announced + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[sent]);
            out.flush();
        }
    }

    HttpResponse<byte[]> download(URI uri, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] content) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Bytes from a seeded generator, hashed as they are read; never all in memory. */
    static final class GeneratedContent extends InputStream {
        private final Random random = new Random(42);
        private final MessageDigest sha256;
        private long left;

        GeneratedContent(long size) throws GeneralSecurityException {
            this.left = size;
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            byte[] chunk = new byte[count];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, count);
            sha256.update(chunk);
            left -= count;
            return count;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
