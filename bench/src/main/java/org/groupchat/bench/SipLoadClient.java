package org.groupchat.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Many chat participants in one JVM, over one or more JAIN-SIP stacks: each opens its own dialog with the
 * channel server, joins a room, posts when told to, and records every message it receives with
 * the time it took from the post.
 */
final class SipLoadClient implements SipListener {

    private static final Pattern POSTED_AT = Pattern.compile("<chat>bench:(\\d+):(\\d+)</chat>");
    private static final Pattern SEQUENCE = Pattern.compile("<grpchat id=\"grpchat\" seqid=\"(\\d+)\" chanUri=\"([^\"]+)\"");

    /** One stack per connection: with TCP each has its own, as separate clients would. */
    private final List<SipStack> stacks = new ArrayList<>();
    private final List<SipProvider> providers = new ArrayList<>();
    private final AtomicInteger nextProvider = new AtomicInteger();
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String transport;
    private final String domain;
    /** The channel server of each node, in the order of {@code serverPorts}. */
    private final List<String> channelUsers;

    final LongAdder deliveries = new LongAdder();
    final LongAdder orderViolations = new LongAdder();
    final LongAdder postsAcknowledged = new LongAdder();
    final LongAdder postsRefused = new LongAdder();
    final Latencies latencies;
    private final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);

    /**
     * @param serverPorts  one SIP port per node; connection {@code i} goes to node {@code i % nodes}
     * @param channelUsers each node's channel-server user ({@code channel-NODE})
     */
    SipLoadClient(String serverHost, List<Integer> serverPorts, String transport, int localPort, int connections, String domain,
                  List<String> channelUsers, int expectedDeliveries) throws Exception {
        this.transport = transport;
        this.domain = domain;
        this.channelUsers = channelUsers;
        this.latencies = new Latencies(expectedDeliveries);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        for (int i = 0; i < connections; i++) {
            Properties properties = new Properties();
            properties.setProperty("javax.sip.STACK_NAME", "groupchat-bench-" + i);
            properties.setProperty("javax.sip.OUTBOUND_PROXY", serverHost + ":" + serverPorts.get(i % serverPorts.size()) + "/" + transport);
            properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
            // One thread from socket to listener: the server's INFOs in a dialog are taken in the order
            // they came (the stack answers 500 "out of order" to a lower CSeq handled after a higher one).
            properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
            properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
            properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "1048576");
            properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", "org.groupchat.sip.stack.NoDelayNetworkLayer");
            SipStack stack = factory.createSipStack(properties);
            SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", localPort + i, transport));
            provider.addSipListener(this);
            stack.start();
            stacks.add(stack);
            providers.add(provider);
        }
    }

    /** One simulated user endpoint: its dialog with the channel server and the room it is in. */
    final class Participant {
        final String user;
        final String roomUri;
        private final int connection = Math.floorMod(nextProvider.getAndIncrement(), providers.size());
        final SipProvider provider = providers.get(connection);
        /** The channel server of the node this participant's connection goes to. */
        private final String channelUser = channelUsers.get(connection % channelUsers.size());
        volatile Dialog dialog;
        final AtomicInteger envelopes = new AtomicInteger();
        final ConcurrentHashMap<String, Long> lastSequence = new ConcurrentHashMap<>();
        final CompletableFuture<Void> joined = new CompletableFuture<>();

        Participant(String user, String roomUri) {
            this.user = user;
            this.roomUri = roomUri;
        }

        /** INVITE the channel server, then join the room; completes when the join reply is in. */
        CompletableFuture<Void> connect() throws Exception {
            Address from = addresses.createAddress("sip:" + user + "@" + domain);
            Address to = addresses.createAddress("sip:" + channelUser + "@" + domain);
            ListeningPoint point = provider.getListeningPoint(transport);
            List<ViaHeader> via = new ArrayList<>();
            via.add(headers.createViaHeader(point.getIPAddress(), point.getPort(), transport, null));
            Request invite = messages.createRequest(addresses.createURI("sip:" + channelUser + "@" + domain), Request.INVITE,
                    provider.getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, Long.toHexString(System.nanoTime())), headers.createToHeader(to, null),
                    via, headers.createMaxForwardsHeader(70));
            Address contact = addresses.createAddress("sip:" + user + "@" + point.getIPAddress() + ":" + point.getPort()
                    + ";transport=" + transport);
            invite.addHeader(headers.createContactHeader(contact));
            String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=session\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=message 5060 sip null\r\n";
            invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            transaction.setApplicationData((Consumer<Response>) response -> {
                if (response.getStatusCode() == 200) {
                    try {
                        dialog = transaction.getDialog();
                        dialog.setApplicationData(this);
                        long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                        dialog.sendAck(dialog.createAck(cseq));
                        send("<cmd id=\"cmd:join\" seqid=\"1\"><data><chanid key=\"0\" domain=\"" + domain + "\" value=\""
                                + roomUri.substring(roomUri.lastIndexOf('/') + 1) + "\"/></data></cmd>", r -> { });
                    } catch (Exception e) {
                        joined.completeExceptionally(e);
                    }
                } else if (response.getStatusCode() >= 300) {
                    joined.completeExceptionally(new IllegalStateException(user + ": INVITE answered " + response.getStatusCode()));
                }
            });
            transaction.sendRequest();
            return joined;
        }

        /** Posts a message stamped with the time it leaves, to measure how long it takes to arrive. */
        void post(long number) throws Exception {
            send("<grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"" + roomUri + "\"><chat>bench:" + number + ":" + System.nanoTime()
                    + "</chat></grpchat>", response -> {
                if (response.getStatusCode() == 200) {
                    postsAcknowledged.increment();
                } else {
                    postsRefused.increment();
                }
            });
        }

        /** Posts the text as it is; the future gets the SIP status of the answer (never, if none comes). */
        CompletableFuture<Integer> postText(String text) throws Exception {
            CompletableFuture<Integer> status = new CompletableFuture<>();
            send("<grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"" + roomUri + "\"><chat>" + text + "</chat></grpchat>",
                    response -> status.complete(response.getStatusCode()));
            return status;
        }

        void leave() throws Exception {
            Dialog current = dialog;
            if (current != null) {
                ClientTransaction bye = provider.getNewClientTransaction(current.createRequest(Request.BYE));
                bye.setApplicationData((Consumer<Response>) response -> { });
                current.sendRequest(bye);
            }
        }

        private void send(String child, Consumer<Response> onResponse) throws Exception {
            Request info = dialog.createRequest(Request.INFO);
            String body = "<xccos ver=\"1\" envid=\"" + envelopes.incrementAndGet() + "\" xmlns=\"urn:parlano:xml:ns:xccos\">"
                    + child + "</xccos>";
            info.setContent(body.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("text", "plain"));
            ClientTransaction transaction = provider.getNewClientTransaction(info);
            transaction.setApplicationData(onResponse);
            dialog.sendRequest(transaction);
        }

        /** An INFO from the server: a reply, a notice or a message of the room. */
        void received(String body) {
            if (body.contains("<rpl id=\"rpl:join\"")) {
                if (body.contains("<resp code=\"200\">")) {
                    joined.complete(null);
                } else {
                    joined.completeExceptionally(new IllegalStateException(user + " could not join: " + body));
                }
            } else if (body.contains("<grpchat ")) {
                long now = System.nanoTime();
                Matcher posted = POSTED_AT.matcher(body);
                Matcher sequence = SEQUENCE.matcher(body);
                if (posted.find() && sequence.find()) {
                    long number = Long.parseLong(sequence.group(1));
                    Long previous = lastSequence.put(sequence.group(2), number);
                    if (previous != null && number <= previous) {
                        orderViolations.increment();
                    }
                    long sentAt = Long.parseLong(posted.group(2));
                    if (sentAt >= measureFrom.get()) {
                        deliveries.increment();
                        latencies.add(now - sentAt);
                    }
                }
            }
        }
    }

    Participant participant(String user, String roomUri) {
        return new Participant(user, roomUri);
    }

    /** Deliveries of messages posted from now on are counted and timed; earlier ones were warm-up. */
    void startMeasuring() {
        measureFrom.set(System.nanoTime());
    }

    void stop() {
        stacks.forEach(SipStack::stop);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction == null) {
                transaction = ((SipProvider) event.getSource()).getNewServerTransaction(request);
            }
            transaction.sendResponse(messages.createResponse(Response.OK, request));
            if (Request.INFO.equals(request.getMethod()) && event.getDialog() != null
                    && event.getDialog().getApplicationData() instanceof Participant participant) {
                byte[] raw = request.getRawContent();
                participant.received(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            System.err.println("request not answered: " + e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processResponse(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction != null && transaction.getApplicationData() instanceof Consumer<?> callback) {
            ((Consumer<Response>) callback).accept(event.getResponse());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        System.err.println("timeout: " + (event.isServerTransaction() ? "server" : "client") + " transaction");
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        System.err.println("I/O error with " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
