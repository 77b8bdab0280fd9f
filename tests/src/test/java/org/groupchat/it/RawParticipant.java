package org.groupchat.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A participant on a TCP connection of its own, in raw SIP: it answers every INFO the server
 * sends (until told to stop reading), records when each posted message arrives and who left.
 * Like a real client it sends its ACK and its join the moment the 200 to its INVITE arrives.
 * Posted texts are "label|n|System.nanoTime()|...": receivers measure the latency from the stamp.
 */
final class RawParticipant implements AutoCloseable {
    private static final String CHANNEL = "channel-it-node";
    private static final String DOMAIN = "groupchat.test";
    private static final Pattern STAMP = Pattern.compile("<chat>[^|<]*\\|\\d+\\|(\\d+)\\|");
    private static final Pattern CHAT = Pattern.compile("<grpchat [^>]*>.*?<chat>([^<]*)</chat>", Pattern.DOTALL);
    private static final Pattern AUTHOR = Pattern.compile("<grpchat [^>]*author=\"([^\"]+)\"");
    private static final Pattern JOIN = Pattern.compile("<ntc id=\"ntc:join\"[^>]*><data><uib uri=\"([^\"]+)\"");
    private static final Pattern PART = Pattern.compile("<ntc id=\"ntc:part\"[^>]*><data><chanib uri=\"[^\"]+\"><uib uri=\"([^\"]+)\"");
    private static final Pattern URI = Pattern.compile("<([^>]+)>");
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=session\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=message 5060 sip null\r\n";

    private final String user;
    /** Who a trusted proxy asserts the user is (P-Asserted-Identity on every request), or null. */
    private final String assertedUser;
    private final String transport;
    /** Who this client signs in to an authenticating proxy as, and with what password; null: it signs in to nobody. */
    private final String signedInAs;
    private final String password;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String callId = UUID.randomUUID().toString();
    private final String fromTag = UUID.randomUUID().toString().substring(0, 8);
    private final CountDownLatch joined = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean reading = true;
    private volatile String toHeader;
    /** Learnt from the 200 to the INVITE when a proxy record-routes: where in-dialog requests go, and through whom. */
    private volatile String remoteTarget;
    private volatile List<String> routeSet = List.of();
    /** The INVITE's credentials once a proxy challenged it. */
    private volatile String proxyAuthorization;
    private volatile String inviteAnswer;
    private volatile long room;
    private int cseq = 1;
    private int envid;
    final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
    final Set<String> parted = ConcurrentHashMap.newKeySet();
    /** Whom the server announced as having joined a room (ntc:join). */
    final Set<String> joinsSeen = ConcurrentHashMap.newKeySet();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    /** How often the 200 to the INVITE came: more than once means the server missed the ACK. */
    final AtomicInteger inviteAnswers = new AtomicInteger();
    /** The answers to this participant's requests other than posts: status by CSeq. */
    private final Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    /** The CSeqs of this participant's posts, whose answers count as accepted or refused. */
    private final Set<Integer> posts = ConcurrentHashMap.newKeySet();

    /** The text of every room message received, in order. */
    final List<String> chats = Collections.synchronizedList(new ArrayList<>());
    /** The authors of the messages received, as the server named them. */
    final Set<String> authors = ConcurrentHashMap.newKeySet();
    /** The server's reply to the join, once it came. */
    private volatile String joinReply;

    private RawParticipant(String user) throws IOException {
        this(user, null, plainSocket(), "TCP");
    }

    private RawParticipant(String user, String assertedUser, Socket socket, String transport) throws IOException {
        this(user, assertedUser, null, null, socket, transport);
    }

    private static Socket plainSocket() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // a small window: a silent client fills it at once
        socket.connect(new InetSocketAddress("127.0.0.1", Sipp.sipPort()));
        return socket;
    }

    private RawParticipant(String user, String assertedUser, String signedInAs, String password, Socket socket, String transport)
            throws IOException {
        this.user = user;
        this.assertedUser = assertedUser;
        this.signedInAs = signedInAs;
        this.password = password;
        this.socket = socket;
        this.transport = transport;
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
        reader = new Thread(this::readAll, "raw-participant-" + user);
        reader.setDaemon(true);
        reader.start();
    }

    static RawParticipant join(String user, long room) throws Exception {
        return join(new RawParticipant(user), room);
    }

    /**
     * Joins as a trusted proxy would forward the client: over {@code proxyConnection} (mutual TLS),
     * the client's own From ({@code claimedUser}) left as it sent it, and the user the proxy
     * authenticated in P-Asserted-Identity.
     */
    static RawParticipant joinThroughProxy(Socket proxyConnection, String claimedUser, String assertedUser, long room) throws Exception {
        return join(new RawParticipant(claimedUser, assertedUser, proxyConnection, "TLS"), room);
    }

    /**
     * A client of an authenticating proxy (Kamailio's recipe) on a TCP connection to it: it signs in
     * as {@code signedInAs} with {@code password} when challenged, its From says {@code from}, and
     * {@code selfAssertion} (or null) is a P-Asserted-Identity it writes itself. It has not sent
     * anything yet: {@link #joinRoom} does.
     */
    static RawParticipant throughKamailio(String signedInAs, String password, String from, String selfAssertion) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", Kamailio.PORT));
        return new RawParticipant(from, selfAssertion, signedInAs, password, socket, "TCP");
    }

    /** Invites the channel server and joins the room once in session; throws when it could not. */
    RawParticipant joinRoom(long room) throws Exception {
        return join(this, room);
    }

    /** The status line of the final answer to the INVITE (after the proxy's challenge, if any), or null while none came. */
    String inviteAnswer() {
        return inviteAnswer;
    }

    private static RawParticipant join(RawParticipant participant, long room) throws Exception {
        String user = participant.user;
        participant.room = room;
        participant.send("INVITE", "application/sdp", SDP);
        waitFor(() -> participant.joined.getCount() == 0 || participant.refusedInvite(), 30);
        if (participant.joined.getCount() > 0) {
            throw new IllegalStateException(user + " could not join (the INVITE was answered " + participant.inviteAnswer + ")");
        }
        return participant;
    }

    synchronized void post(String roomUri, String text) throws IOException {
        posts.add(cseq);
        info("<grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"" + roomUri + "\"><chat>" + text + "</chat></grpchat>");
    }

    /** Sends an INFO holding the given XCCOS items and returns the status of its answer. */
    int infoAnswered(String items, int seconds) throws IOException, InterruptedException {
        return bodyAnswered(xccos(items), seconds);
    }

    /** Sends an INFO with the body as given (well-formed XCCOS or not) and returns the status of its answer. */
    int bodyAnswered(String body, int seconds) throws IOException, InterruptedException {
        int number;
        synchronized (this) {
            number = cseq;
            send("INFO", "text/plain", body);
        }
        if (!waitFor(() -> answers.containsKey(number), seconds)) {
            throw new IllegalStateException(user + ": no answer to INFO " + number);
        }
        return answers.get(number);
    }

    private boolean refusedInvite() {
        String answer = inviteAnswer;
        return answer != null && !answer.startsWith("SIP/2.0 2");
    }

    /** Sends a request in the dialog every two seconds, as a client refreshing its session does. */
    void keepSessionAlive() {
        Thread refresher = new Thread(() -> {
            try {
                while (!socket.isClosed()) {
                    Thread.sleep(2000);
                    info("<cmd id=\"cmd:getserverinfo\" seqid=\"1\"><data/></cmd>");
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "raw-participant-refresh-" + user);
        refresher.setDaemon(true);
        refresher.start();
    }

    /** From now on the client reads nothing: its TCP window shuts, and the server's writes to it block. */
    void stopReading() {
        reading = false;
    }

    /** Reads again, after {@link #stopReading}: what the server held for it comes in. */
    void resumeReading() {
        reading = true;
    }

    /** Whether the server let this participant into the room (its join answered 200). */
    boolean inTheRoom() {
        return joinReply != null && joinReply.contains("<resp code=\"200\"");
    }

    String answers() {
        return accepted + " accepted, " + refused + " refused";
    }

    boolean awaitAnswers(int count, int seconds) throws InterruptedException {
        return waitFor(() -> accepted.get() + refused.get() >= count, seconds);
    }

    boolean awaitMessages(int count, int seconds) throws InterruptedException {
        return waitFor(() -> latenciesMillis.size() >= count, seconds);
    }

    /** Waits until {@code count} room messages whose text starts with {@code prefix} have arrived. */
    boolean awaitChats(String prefix, long count, int seconds) throws InterruptedException {
        return waitFor(() -> chatsStartingWith(prefix) >= count, seconds);
    }

    long chatsStartingWith(String prefix) {
        synchronized (chats) {
            return chats.stream().filter(text -> text.startsWith(prefix)).count();
        }
    }

    boolean awaitJoinOf(String user, int seconds) throws InterruptedException {
        return waitFor(() -> joinsSeen.contains(user), seconds);
    }

    boolean awaitPartOf(String user, int seconds) throws InterruptedException {
        return waitFor(() -> parted.contains(user), seconds);
    }

    private static boolean waitFor(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private synchronized void info(String child) throws IOException {
        send("INFO", "text/plain", xccos(child));
    }

    private synchronized String xccos(String child) {
        return "<xccos ver=\"1\" envid=\"" + (++envid) + "\" xmlns=\"urn:parlano:xml:ns:xccos\">" + child + "</xccos>";
    }

    private synchronized void send(String method, String contentType, String body) throws IOException {
        int number = method.equals("ACK") ? cseq - 1 : cseq++;
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        out.write(request(method, number, contentType, body, local).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The ACK to a final answer other than 2xx (RFC 3261 17.1.1.3): the INVITE's Request-URI, its
     * Via (the one the answer carries back) and CSeq number, the answer's To.
     */
    private synchronized void acknowledgeRefusal(String answerHead) throws IOException {
        String ack = "ACK sip:" + CHANNEL + "@" + DOMAIN + " SIP/2.0\r\n"
                + "Via: " + header(answerHead, "Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + DOMAIN + ">;tag=" + fromTag + "\r\n"
                + "To: " + header(answerHead, "To") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + header(answerHead, "CSeq").split(" ")[0] + " ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
        out.write(ack.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * A request in this participant's dialog, its Via and Contact at {@code local} (host:port); a
     * test may send it from another connection, as someone who learnt the dialog's ids would.
     */
    String request(String method, int number, String contentType, String body, String local) {
        boolean inDialog = toHeader != null;
        StringBuilder routes = new StringBuilder();
        if (inDialog) {
            routeSet.forEach(route -> routes.append("Route: <").append(route).append(">\r\n"));
        }
        return method + " " + (inDialog && remoteTarget != null ? remoteTarget : "sip:" + CHANNEL + "@" + DOMAIN) + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + local + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + routes
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + DOMAIN + ">;tag=" + fromTag + "\r\n"
                + "To: " + (toHeader == null ? "<sip:" + CHANNEL + "@" + DOMAIN + ">" : toHeader) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + number + " " + method + "\r\n"
                + "Contact: <sip:" + user + "@" + local + ";transport=" + transport.toLowerCase() + ">\r\n"
                + (assertedUser == null ? "" : "P-Asserted-Identity: <sip:" + assertedUser + "@" + DOMAIN + ">\r\n")
                + (method.equals("INVITE") && proxyAuthorization != null ? "Proxy-Authorization: " + proxyAuthorization + "\r\n" : "")
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body;
    }

    private void readAll() {
        try {
            while (true) {
                while (!reading) {
                    Thread.sleep(100);
                }
                String[] message = readMessage();
                if (message == null) {
                    return;
                }
                handle(message[0], message[1]);
            }
        } catch (IOException | InterruptedException e) {
            // the connection closed: the server put this client out, or the test is over
        }
    }

    private void handle(String head, String body) throws IOException {
        String start = head.substring(0, head.indexOf("\r\n"));
        if (start.startsWith("SIP/2.0 ")) {
            int status = Integer.parseInt(start.substring(8, 11));
            String cseqLine = header(head, "CSeq");
            if (cseqLine.endsWith("INVITE") && status == 407 && password != null && proxyAuthorization == null) {
                // the proxy asks who this is: the same INVITE again, with credentials
                acknowledgeRefusal(head);
                proxyAuthorization = SipDigest.answer(header(head, "Proxy-Authenticate"), signedInAs, password, "INVITE",
                        "sip:" + CHANNEL + "@" + DOMAIN);
                send("INVITE", "application/sdp", SDP);
                return;
            }
            if (cseqLine.endsWith("INVITE") && status >= 200) {
                inviteAnswer = start;
                if (status >= 300) {
                    acknowledgeRefusal(head);
                }
            }
            if (cseqLine.endsWith("INVITE") && status == 200 && inviteAnswers.incrementAndGet() == 1) {
                List<String> recordRoute = new ArrayList<>(uris(head, "Record-Route"));
                Collections.reverse(recordRoute);
                routeSet = recordRoute;
                remoteTarget = recordRoute.isEmpty() ? null : uris(head, "Contact").get(0);
                toHeader = header(head, "To");
                send("ACK", "text/plain", "");
                info("<cmd id=\"cmd:join\" seqid=\"1\"><data><chanid key=\"0\" domain=\"" + DOMAIN + "\" value=\""
                        + room + "\"/></data></cmd>");
            } else if (cseqLine.endsWith("INFO") && posts.contains(Integer.parseInt(cseqLine.split(" ")[0]))) {
                (status == 200 ? accepted : refused).incrementAndGet();
            } else if (status >= 200) {
                answers.put(Integer.parseInt(cseqLine.split(" ")[0]), status);
            }
            return;
        }
        StringBuilder answer = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String via : values(head, "Via")) { // every Via: through a proxy there are two
            answer.append("Via: ").append(via).append("\r\n");
        }
        for (String name : List.of("From", "To", "Call-ID", "CSeq")) {
            answer.append(name).append(": ").append(header(head, name)).append("\r\n");
        }
        answer.append("Content-Length: 0\r\n\r\n");
        synchronized (this) {
            out.write(answer.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (body.contains("rpl:join")) {
            joinReply = body;
            joined.countDown();
        }
        Matcher chat = CHAT.matcher(body);
        if (chat.find()) {
            chats.add(chat.group(1));
        }
        Matcher author = AUTHOR.matcher(body);
        if (author.find()) {
            authors.add(author.group(1));
        }
        Matcher stamp = STAMP.matcher(body);
        if (stamp.find()) {
            latenciesMillis.add((System.nanoTime() - Long.parseLong(stamp.group(1))) / 1_000_000);
        }
        Matcher part = PART.matcher(body);
        if (part.find()) {
            parted.add(part.group(1));
        }
        Matcher join = JOIN.matcher(body);
        if (join.find()) {
            joinsSeen.add(join.group(1));
        }
    }

    /** Every line of the header, in order (a proxy adds its Via and Record-Route as lines of their own). */
    private static List<String> values(String head, String name) {
        List<String> values = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                values.add(line.substring(name.length() + 1).trim());
            }
        }
        return values;
    }

    private static List<String> uris(String head, String name) {
        List<String> uris = new ArrayList<>();
        for (String value : values(head, name)) {
            Matcher uri = URI.matcher(value);
            while (uri.find()) {
                uris.add(uri.group(1));
            }
        }
        return uris;
    }

    private static String header(String head, String name) {
        return values(head, name).stream().findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " in " + head));
    }

    /** The next message as head and body, or null when the connection has closed. */
    private String[] readMessage() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            if (head.size() == 0 && (next == '\r' || next == '\n')) {
                continue;
            }
            head.write(next);
            matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = Integer.parseInt(header(text, "Content-Length"));
        return new String[] {text, new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // it is going anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
