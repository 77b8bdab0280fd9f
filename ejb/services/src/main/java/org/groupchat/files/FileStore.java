package org.groupchat.files;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;

/**
 * The bytes of shared files, under {@code groupchat.files.directory} (default: the server's data
 * directory, {@code groupchat-files}), one file per content: {@code sha256/AB/ABCDEF...}. An upload
 * is written to {@code incoming/} while its hash and size are counted, and moved into place only
 * when complete; a failed, interrupted or oversized upload leaves nothing behind. Streams all the
 * way: no file is ever held in memory.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FileStore {

    private static final Logger LOG = Logger.getLogger(FileStore.class.getName());
    private static final int BUFFER_BYTES = 64 * 1024;

    private Path incoming;
    private Path contents;
    private long maxBytes;

    @PostConstruct
    void createDirectories() {
        GroupchatSettings.FileSettings settings = GroupchatSettings.current().files();
        maxBytes = settings.maxBytes();
        Path root = settings.directory().toAbsolutePath();
        incoming = root.resolve("incoming");
        contents = root.resolve("sha256");
        try {
            Files.createDirectories(incoming);
            Files.createDirectories(contents);
            try (var leftovers = Files.list(incoming)) { // from a server stopped in the middle of an upload
                leftovers.forEach(FileStore::deleteQuietly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the file store " + root + " cannot be used", e);
        }
        LOG.info("files are kept in " + root);
    }

    /**
     * Reads an upload to its end into the store.
     *
     * @throws TooLarge after more than {@link #maxBytes()} (nothing kept)
     * @throws IOException when the upload breaks off (nothing kept)
     */
    public ReceivedFile receive(InputStream upload) throws IOException {
        Path partial = Files.createTempFile(incoming, "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
                size = copy(upload, out, maxBytes);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = pathOf(hash);
            Files.createDirectories(target.getParent());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
                // the same content is stored already
            }
            return new ReceivedFile(hash, size);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** The largest file kept ({@code groupchat.files.max-bytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /** Removes the content of an upload that did not become a file of any room. */
    public void discard(String sha256) {
        deleteQuietly(pathOf(sha256));
    }

    /** The content's bytes from {@code first} on, as a channel positioned there. */
    public FileChannel open(String sha256, long first) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
        channel.position(first);
        return channel;
    }

    /** Copies {@code length} bytes of the channel to the output, a buffer at a time. */
    public static void copy(FileChannel from, long length, OutputStream to) throws IOException {
        InputStream in = Channels.newInputStream(from);
        byte[] buffer = new byte[BUFFER_BYTES];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the stored file ended " + left + " bytes early");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    private Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return contents.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            size += read;
            if (size > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warning("could not remove " + path + ": " + e);
        }
    }

    /** A complete upload in the store. */
    public record ReceivedFile(String sha256, long size) {
    }

    /** The upload went past the limit. */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("the file is larger than " + limit + " bytes", null);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
