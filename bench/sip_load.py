#!/usr/bin/python3
"""The lean fan-out load client for groupchat: raw SIP over asyncio TCP, no SIP stack.

R rooms x M participants, each with its own dialog with the channel server, join their room;
then the first K participants of every room post at an aggregate rate of P posts/s for T seconds
(after W seconds of the same load that is not counted: the server's JIT warms up). Every posted
text is "run|room|sender|seq|t_send_ns"; receivers answer each INFO 200 at once and measure
post-to-delivery latency from the stamp, and check that each room's sequence numbers rise.

p50_ms and p99_ms (the peer-bench line's) are taken when this client gets to a message. With
--socket-times the line adds arrival_p50_ms and arrival_p99_ms, taken when it reached the client's
socket (the kernel's receive time, SO_TIMESTAMPNS: what a participant on a machine of its own
would see), on one connection in SOCKET_SAMPLE. They differ because a burst of one post to 300
participants is read by two Python processes here, one message after another: the last of a burst
waits for the client, not for the server. Those reads are Python's, not uvloop's, and cost more
than uvloop's (on every connection, a quarter of the deliveries/s the client can take at 1 x 300
and 240 posts/s, and some 3 ms of its own p99 at 27): hence a sample of the connections, the
others read by uvloop.

Connections: by default one TCP connection per participant, as clients connected directly (the
XMPP client of ../shared/peer-bench does the same); --connections=N carries all dialogs over N
connections, as a SIP proxy in front would.

Prints one key=value line, the keys of ../shared/peer-bench's result line first, so that the two
can be read side by side; after them what only SIP has: posts answered 503 (refused with a reason),
posts never answered, deliveries out of the room's order.

With --then-rate and --then-seconds, a lighter load follows the measured one at once (while its
backlog drains), and a second line says second by second how late its posts arrived and after how
many seconds latency was back under --normal-ms: the recovery after an overload.
"""
import argparse, asyncio, base64, json, multiprocessing as mp, os, random, socket, ssl, struct, sys, time, urllib.request
from array import array

try:
    import uvloop
except ImportError:
    uvloop = None

CRLF2 = b'\r\n\r\n'


def header_lines(head):
    """The header lines of a message's head (bytes), as a list; the start line is element 0."""
    return head.split(b'\r\n')


def header(lines, *names):
    for line in lines[1:]:
        colon = line.find(b':')
        if colon > 0 and line[:colon].strip().lower() in names:
            return line[colon + 1:].strip()
    return None


def tag_of(value):
    at = value.find(b';tag=')
    if at < 0:
        return None
    end = value.find(b';', at + 5)
    return value[at + 5:] if end < 0 else value[at + 5:end]


class Dialog:
    """One participant's dialog with the channel server."""

    def __init__(self, worker, conn, user, room, index):
        self.w, self.conn, self.user, self.room, self.index = worker, conn, user, room, index
        self.call_id = '%s-%x' % (user, random.getrandbits(48))
        self.from_tag = '%x' % random.getrandbits(32)
        self.to_header = None
        self.target = None
        self.cseq = 0
        self.envid = 0
        self.joined = asyncio.get_event_loop().create_future()
        self.pending = {}  # CSeq -> future or callback of the response
        self.last_seq = {}
        self.posted = 0
        self.stalled = False  # stopped reading (--stalled): the server must put it out, and nobody else waits

    def request(self, method, body=b'', content_type=b'text/plain', on_response=None, cseq=None):
        if cseq is None:
            self.cseq += 1
            cseq = self.cseq
        c = self.conn
        uri = self.target or self.w.channel_uri
        to = self.to_header or self.w.channel_to
        msg = (b'%s %s SIP/2.0\r\nVia: SIP/2.0/TCP %s;branch=z9hG4bK%x;rport\r\nMax-Forwards: 70\r\n'
               b'From: <sip:%s@%s>;tag=%s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %d %s\r\n'
               b'Contact: <sip:%s@%s;transport=tcp>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n'
               % (method, uri, c.local, random.getrandbits(40), self.user.encode(), self.w.domain,
                  self.from_tag.encode(), to, self.call_id.encode(), cseq, method, self.user.encode(), c.local,
                  content_type, len(body))) + body
        if on_response is not None:
            self.pending[cseq] = on_response
        c.write(msg)

    def info(self, child, on_response=None):
        self.envid += 1
        body = (b'<xccos ver="1" envid="%d" xmlns="urn:parlano:xml:ns:xccos">' % self.envid) + child + b'</xccos>'
        self.request(b'INFO', body, on_response=on_response)

    def invite(self):
        sdp = (b'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=session\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n'
               b'm=message 5060 sip null\r\n')
        self.request(b'INVITE', sdp, b'application/sdp', on_response=self.invited)

    def invited(self, status, lines):
        if status < 200:
            return False  # provisional: keep waiting
        if status >= 300:
            self.joined.set_exception(RuntimeError('%s: INVITE answered %d' % (self.user, status)))
            return True
        self.to_header = header(lines, b'to', b't')
        contact = header(lines, b'contact', b'm')
        if contact and b'<' in contact:
            self.target = contact[contact.index(b'<') + 1:contact.index(b'>')]
        self.request(b'ACK', cseq=1)
        self.info(b'<cmd id="cmd:join" seqid="1"><data><chanid key="0" domain="%s" value="%s"/></data></cmd>'
                  % (self.w.domain, self.room.split('/')[-1].encode()))
        return True

    def post(self, text, counted=None):
        w = self.w
        w.posts_sent += 1
        counted = w.measuring if counted is None else counted
        self.info(b'<grpchat id="grpchat" seqid="1" chanUri="%s"><chat>%s</chat></grpchat>'
                  % (self.room.encode(), text),
                  on_response=lambda status, lines, sent=time.time_ns(): w.post_answered(self, status, counted, sent))

    def bye(self):
        """Ends the session; the returned future is done when the server has answered."""
        answered = asyncio.get_event_loop().create_future()
        self.request(b'BYE', on_response=lambda status, lines: status >= 200 and (answered.done() or answered.set_result(status)) is None)
        return answered

    def received(self, body):
        """An INFO from the server: a reply, a notice or one of the room's messages."""
        w = self.w
        start = body.find(b'<chat>')
        if start >= 0 and b'<grpchat' in body:
            end = body.find(b'</chat>', start)
            parts = body[start + 6:end].split(b'|')
            seq_at = body.find(b'seqid="', body.find(b'<grpchat'))
            if seq_at >= 0:
                seq = int(body[seq_at + 7:body.find(b'"', seq_at + 7)])
                last = self.last_seq.get(self.room, 0)
                if seq <= last:
                    w.out_of_order += 1
                self.last_seq[self.room] = seq
            if len(parts) != 5:
                return
            if parts[0] == w.then_b:  # the load after the measured one: how soon latency is normal again
                posted = int(parts[4])
                w.then_lat.extend((posted, (time.time_ns() - posted) // 1000))
                return
            if parts[0] != w.run_b:
                w.stale += 1  # the warm-up's, or another run's
                return
            now = self.conn.read_ns
            posted = int(parts[4])
            w.lat.append((now - posted) // 1000)
            if self.conn.arrived_ns:
                w.arrival_lat.append((self.conn.arrived_ns - posted) // 1000)
            w.received += 1
            w.last_rx = now
        elif b'rpl:join' in body and not self.joined.done():
            if b'<resp code="200"' in body:
                self.joined.set_result(None)
            else:
                self.joined.set_exception(RuntimeError('%s could not join: %r' % (self.user, body[:300])))


class Connection:
    """A TCP connection carrying one or more dialogs: frames SIP messages by Content-Length.
    How it reads and writes is its subclasses' (an asyncio transport, or reads that bring their
    time of arrival)."""

    def __init__(self, worker):
        self.w = worker
        self.buf = bytearray()
        self.local = b''
        self.dialogs = {}  # Call-ID -> Dialog
        self.lost = False
        self.arrived_ns = 0  # when the bytes of the current read reached the socket; 0: not known
        self.read_ns = 0

    def lost_connection(self):
        self.lost = True
        if any(d.stalled for d in self.dialogs.values()):
            self.w.stalled_put_out += 1
        elif self.w.measuring:
            self.w.disconnects += 1
        for d in self.dialogs.values():
            if not d.joined.done():
                d.joined.set_exception(ConnectionError('connection closed'))

    def data_received(self, data):
        self.read_ns = time.time_ns()  # when this client got to these bytes: every message in them counts from here
        buf = self.buf
        buf += data
        pos = 0
        while True:
            end = buf.find(CRLF2, pos)
            if end < 0:
                break
            head = bytes(buf[pos:end])
            at = head.lower().find(b'\ncontent-length:')
            if at < 0:
                at = head.lower().find(b'\nl:')
                length = int(head[at + 3:head.find(b'\r', at + 1)]) if at >= 0 else 0
            else:
                nl = head.find(b'\r', at + 1)
                length = int(head[at + 16:nl if nl > 0 else len(head)])
            body_end = end + 4 + length
            if body_end > len(buf):
                break
            self.message(head, bytes(buf[end + 4:body_end]))
            pos = body_end
        if pos:
            del buf[:pos]

    def message(self, head, body):
        lines = header_lines(head)
        start = lines[0]
        call_id = header(lines, b'call-id', b'i')
        dialog = self.dialogs.get(call_id)
        if start.startswith(b'SIP/2.0'):
            status = int(start[8:11])
            cseq = header(lines, b'cseq').split()
            if dialog is None:
                return
            callback = dialog.pending.get(int(cseq[0]))
            if callback is not None and callback(status, lines) is not False:
                dialog.pending.pop(int(cseq[0]), None)
            return
        # a request from the server: taken (and timed) first, then answered at once, with the
        # headers that name its transaction (the answer is the client's own work, not the delivery's)
        if dialog is not None and start.startswith(b'INFO'):
            dialog.received(body)
        out = [b'SIP/2.0 200 OK']
        for line in lines[1:]:
            name = line[:line.find(b':')].strip().lower()
            if name in (b'via', b'v', b'from', b'f', b'to', b't', b'call-id', b'i', b'cseq'):
                out.append(line)
        out.append(b'Content-Length: 0\r\n\r\n')
        self.write(b'\r\n'.join(out))


class TransportConnection(Connection, asyncio.Protocol):
    """Read and written by the event loop's transport (uvloop's, in C): the leanest, for load."""

    def __init__(self, worker):
        super().__init__(worker)
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        host, port = transport.get_extra_info('sockname')[:2]
        self.local = b'%s:%d' % (host.encode(), port)

    def connection_lost(self, exc):
        self.lost_connection()

    def write(self, data):
        if not self.lost:
            self.transport.write(data)

    def pause_reading(self):
        self.transport.pause_reading()

    def close(self):
        self.transport.close()


# Linux's SO_TIMESTAMPNS (Python's socket module does not name it): each read of a TCP socket
# brings when the kernel received the newest of the bytes read, on the same clock as time.time_ns()
SO_TIMESTAMPNS = getattr(socket, 'SO_TIMESTAMPNS', 35)
TIMESTAMP_SPACE = socket.CMSG_SPACE(16)
# --socket-times reads one connection in this many itself, with their times of arrival
SOCKET_SAMPLE = 8


class TimestampedConnection(Connection):
    """Its own non-blocking reads (recvmsg), so that each read brings the kernel's time of arrival
    (--socket-times; why, and what it costs, in the module's docstring)."""

    def __init__(self, worker, sock):
        super().__init__(worker)
        self.sock = sock
        self.loop = asyncio.get_event_loop()
        self.out = bytearray()  # what the socket did not take yet
        host, port = sock.getsockname()[:2]
        self.local = b'%s:%d' % (host.encode(), port)
        self.loop.add_reader(sock.fileno(), self.readable)

    def readable(self):
        try:
            # 64 KB: a 256 KB buffer per read cost 45 us to allocate
            data, ancillary, _, _ = self.sock.recvmsg(65536, TIMESTAMP_SPACE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close()
            return
        if not data:
            self.close()
            return
        self.arrived_ns = 0
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= 16:
                seconds, nanos = struct.unpack('qq', value[:16])
                self.arrived_ns = seconds * 1_000_000_000 + nanos
        if not self.arrived_ns:
            self.arrived_ns = time.time_ns()
        self.data_received(data)

    def pause_reading(self):
        if not self.lost:
            self.loop.remove_reader(self.sock.fileno())

    def close(self):
        if self.lost:
            return
        self.loop.remove_reader(self.sock.fileno())
        self.loop.remove_writer(self.sock.fileno())
        self.sock.close()
        self.lost_connection()

    def write(self, data):
        if self.lost:
            return
        if self.out:
            self.out += data
            return
        try:
            sent = self.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self.close()
            return
        if sent < len(data):
            self.out += data[sent:]
            self.loop.add_writer(self.sock.fileno(), self.writable)

    def writable(self):
        try:
            sent = self.sock.send(self.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close()
            return
        del self.out[:sent]
        if not self.out:
            self.loop.remove_writer(self.sock.fileno())


class Worker:
    def __init__(self, args, wid, pipe):
        self.a, self.wid, self.pipe = args, wid, pipe
        self.domain = args.domain.encode()
        self.channel_uri = b'sip:%s@%s' % (args.channel_user.encode(), self.domain)
        self.channel_to = b'<%s>' % self.channel_uri
        self.run_b = args.run_id.encode()
        self.then_b = (args.run_id + 'then').encode()
        self.then_lat = array('q')  # pairs: when posted (ns), latency (us)
        self.lat = array('q')  # post to its delivery, as the client got to it
        self.arrival_lat = array('q')  # post to its arrival at the client's socket (the kernel's time)
        self.ack_lat = array('q')  # post to its 200: stored, and on its way to the others
        self.received = self.stale = self.out_of_order = self.disconnects = self.stalled_put_out = 0
        self.posts_sent = self.acked = self.refused = self.failed = 0
        self.refusals = {}
        self.refused_in = {}
        self.join_retries = 0
        self.measuring = False
        self.last_rx = 0
        self.opened = 0  # connections opened, for --socket-times' sample

    def post_answered(self, dialog, status, counted, sent):
        if status < 200:
            return False
        if counted:
            if status == 200:
                self.acked += 1
                self.ack_lat.append((time.time_ns() - sent) // 1000)
            elif status == 503:
                self.refused += 1
                self.refused_in[dialog.room] = self.refused_in.get(dialog.room, 0) + 1
                dialog.posted -= 1  # nobody expects it
            else:
                self.failed += 1
                self.refusals[status] = self.refusals.get(status, 0) + 1
        return True

    async def pipe_recv(self):
        loop = asyncio.get_event_loop()
        fut = loop.create_future()
        fd = self.pipe.fileno()
        loop.add_reader(fd, lambda: fut.done() or fut.set_result(None))
        try:
            await fut
        finally:
            loop.remove_reader(fd)
            os.set_blocking(fd, True)
        return self.pipe.recv()

    async def connect(self):
        loop = asyncio.get_event_loop()
        self.opened += 1
        if not self.a.socket_times or (self.opened - 1) % SOCKET_SAMPLE:
            _, conn = await loop.create_connection(lambda: TransportConnection(self), self.a.server, self.a.port)
            return conn
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        try:
            await loop.sock_connect(sock, (self.a.server, self.a.port))
        except OSError:
            sock.close()
            raise
        return TimestampedConnection(self, sock)

    async def main(self):
        a = self.a
        mine = [(r, m) for r in range(a.rooms) for m in range(a.occupants)
                if (r * a.occupants + m) % a.workers == self.wid]
        shared = []
        if a.connections:
            count = max(1, a.connections // a.workers + (1 if self.wid < a.connections % a.workers else 0))
            shared = [await self.connect() for _ in range(count)]
        gate = asyncio.Semaphore(a.connect_concurrency)
        self.dialogs = []

        async def one(i, r, m):
            async with gate:
                for attempt in range(3):
                    conn = shared[i % len(shared)] if shared else await self.connect()
                    d = Dialog(self, conn, 'bench-r%d-m%d' % (r, m), a.room_uris[r], m)
                    conn.dialogs[d.call_id.encode()] = d
                    d.invite()
                    try:
                        await asyncio.wait_for(asyncio.shield(d.joined), 20)
                        self.dialogs.append(d)
                        return
                    except (asyncio.TimeoutError, ConnectionError, RuntimeError) as e:
                        self.join_retries += 1
                        print('%s: no join (%r), trying again' % (d.user, e), file=sys.stderr)
                        del conn.dialogs[d.call_id.encode()]
                        if not shared:
                            conn.close()
                raise RuntimeError('%s could not join in three attempts' % d.user)
        joins_from = time.time()
        await asyncio.gather(*(one(i, r, m) for i, (r, m) in enumerate(mine)))
        self.pipe.send(('ready', (len(self.dialogs), self.join_retries, joins_from, time.time())))
        t0 = await self.pipe_recv()
        posters = [d for d in self.dialogs if d.index < a.posters]
        # the warm-up: the same load, stamped so that nobody counts it
        await self.post(posters, a.rate, t0 - a.warmup, t0, b'warmup')
        await asyncio.sleep(max(0.0, t0 - time.time()))
        for d in self.dialogs:
            if d.index >= a.occupants - a.stalled:  # their messages pile up in the server's queue for them
                d.stalled = True
                d.conn.pause_reading()
        self.measuring = True
        cpu0 = os.times()
        posts = await self.post(posters, a.rate, t0, t0 + a.seconds, self.run_b)
        then = None
        if a.then_seconds > 0:  # at once, while the measured load's backlog drains
            then_from = t0 + a.seconds
            then = asyncio.ensure_future(self.post(posters, a.then_rate, then_from,
                                                   then_from + a.then_seconds, self.then_b, counting=False))
        deadline = time.time() + a.drain
        while self.acked + self.refused + self.failed < self.posts_measured and time.time() < deadline:
            await asyncio.sleep(0.05)
        for room, refused in self.refused_in.items():
            posts[room] -= refused  # refused with a reason: delivered to nobody
        self.pipe.send(('posted', posts))
        all_posts = await self.pipe_recv()
        expected = sum(all_posts.get(d.room, 0) - d.posted for d in self.dialogs if not d.stalled)
        deadline = time.time() + a.drain
        while self.received < expected and time.time() < deadline:
            await asyncio.sleep(0.05)
        cpu1 = os.times()
        if then:
            await then
            await asyncio.sleep(3.0)  # the last of them arrive
        self.pipe.send(('done', dict(received=self.received, expected=expected, stale=self.stale,
                                     out_of_order=self.out_of_order, disconnects=self.disconnects,
                                     stalled_put_out=self.stalled_put_out,
                                     last_rx=self.last_rx, acked=self.acked, refused=self.refused,
                                     failed=self.failed, refusals=self.refusals, sent=self.posts_measured,
                                     cpu=(cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)),
                        self.lat.tobytes(), self.ack_lat.tobytes(), self.then_lat.tobytes(),
                        self.arrival_lat.tobytes()))
        await self.pipe_recv()
        # a client that closes its connection before its BYE is answered leaves the server
        # answering into a closed socket: wait for the answers, as a polite client does
        byes = [d.bye() for d in self.dialogs if not d.stalled]
        for d in self.dialogs:
            if d.stalled:
                d.conn.close()
        if byes:
            await asyncio.wait(byes, timeout=60)

    async def post(self, posters, rate, start, end, run, counting=True):
        """Posts at the aggregate rate (all workers together) from start to end; the posts of each
        room that count are returned (none when not counting: then no answer or delivery of them is
        in the run's figures)."""
        posts = {}
        if counting:
            for d in posters:
                d.posted = 0
        if not posters or end <= start or time.time() >= end:
            if counting:
                self.posts_measured = 0
            return posts
        await asyncio.sleep(max(0.0, start - time.time()))
        schedule = self.paired_turns(posters, rate) if self.a.paired else self.even_turns(posters, rate)
        sent = 0
        while True:
            now = time.time()
            if now >= end:
                break
            for d in schedule(now - start):
                sent += 1
                if counting:
                    d.posted += 1
                    posts[d.room] = posts.get(d.room, 0) + 1
                d.post(b'%s|%d|%d|%d|%d' % (run, a_room(d), d.index, sent, time.time_ns()), counted=counting and None)
            await asyncio.sleep(self.a.tick)
        if counting:
            self.posts_measured = sent
        return posts

    def even_turns(self, posters, rate):
        """One schedule for all workers: the aggregate's k-th post, due at k / rate, is the
        (k mod all posters)-th poster's, counted room by room; each worker posts its own posters'
        turns. So the posts are evenly spaced whichever process sends them."""
        a = self.a
        everyone = a.rooms * a.posters
        mine = {a.room_uris.index(d.room) * a.posters + d.index: d for d in posters}
        return turns_due(rate, lambda k: mine.get(k % everyone))

    def paired_turns(self, posters, rate):
        """Each worker its share of the rate, from the same start, as ../shared/peer-bench's XMPP
        client does: with two workers and one room, two of every three posts leave in pairs, at
        the same moment from both processes."""
        own_rate = rate * len(posters) / (self.a.rooms * self.a.posters)
        return turns_due(own_rate, lambda k: posters[k % len(posters)])


def turns_due(rate, poster_of):
    """A schedule: given the seconds since its start, the posters (poster_of turn k; None: another
    worker's turn) whose turns, due at k / rate, came since it was last asked."""
    next_turn = 0

    def due(elapsed):
        nonlocal next_turn
        until = int(elapsed * rate)
        turns = [d for d in map(poster_of, range(next_turn, until)) if d is not None]
        next_turn = max(next_turn, until)
        return turns
    return due


def a_room(d):
    return int(d.room.rsplit('/', 1)[1])


def worker_entry(args, wid, pipe):
    if uvloop:
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    try:
        asyncio.run(Worker(args, wid, pipe).main())
    except Exception as e:
        pipe.send(('error', '%s: %s' % (type(e).__name__, e)))
        raise


def create_rooms(a):
    # the admin API answers over HTTPS only; the benchmark's server has a self-signed certificate
    unverified = ssl._create_unverified_context()
    auth = base64.b64encode(('admin:' + a.admin_password).encode()).decode()
    uris = []
    for r in range(a.rooms):
        members = ','.join('"sip:bench-r%d-m%d@%s"' % (r, m, a.domain) for m in range(a.occupants))
        request = urllib.request.Request(
            'https://%s:%d/groupchat/api/admin/rooms' % (a.server, a.https_port), method='POST',
            data=('{"name":"bench-%s-%d","members":[%s]}' % (a.run_id, r, members)).encode(),
            headers={'Authorization': 'Basic ' + auth, 'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60, context=unverified) as response:
            room = json.loads(response.read())
        room = room.get('room', room)
        uris.append(room.get('uri') or 'ma-chan://%s/%s' % (a.domain, room['id']))
    return uris


def proc_stat(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            st = f.read().rsplit(')', 1)[1].split()
        cpu = (int(st[11]) + int(st[12])) / os.sysconf('SC_CLK_TCK')
        with open('/proc/%d/status' % pid) as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith('VmRSS:')) / 1024
        return cpu, rss
    except (OSError, StopIteration, IndexError):
        return None, None


def pct(values, q):
    if not values:
        return float('nan')
    return values[min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))]


def gather(pipes, kind, timeout, on_wait=None):
    got, pending, until = [], list(pipes), time.time() + timeout
    while pending:
        for p in list(pending):
            if p.poll(0.25):
                m = p.recv()
                if m[0] == 'error':
                    raise RuntimeError('worker: %s' % m[1])
                if m[0] != kind:
                    raise RuntimeError('worker sent %s, expected %s' % (m[0], kind))
                got.append(m)
                pending.remove(p)
        if on_wait:
            on_wait()
        if time.time() > until:
            raise RuntimeError('workers did not send %s within %d s' % (kind, timeout))
    return got


def recovery_line(a, then_from, done):
    """The lighter load after the measured one, second by second (by when a post was sent): its
    p99, and after how many seconds every later second's p99 stayed under --normal-ms."""
    pairs = array('q')
    for m in done:
        pairs.frombytes(m[4])
    seconds = {}
    for i in range(0, len(pairs), 2):
        second = int((pairs[i] / 1e9) - then_from)
        seconds.setdefault(second, []).append(pairs[i + 1])
    p99s = [(k, pct(sorted(v), 0.99) / 1000) for k, v in sorted(seconds.items()) if 0 <= k < a.then_seconds]
    normal_from = next((k for k, _ in p99s if all(p < a.normal_ms for kk, p in p99s if kk >= k)), None)
    return ('then_rate=%.0f then_seconds=%.0f then_deliveries=%d normal_after_s=%s normal_ms=%.0f then_p99_ms_per_s=%s'
            % (a.then_rate, a.then_seconds, len(pairs) // 2, 'never' if normal_from is None else normal_from, a.normal_ms,
               ','.join('%.0f' % p for _, p in p99s)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('rooms', type=int)
    ap.add_argument('occupants', type=int)
    ap.add_argument('rate', type=float, help='posts/s over all rooms')
    ap.add_argument('seconds', type=float)
    ap.add_argument('--server', default='127.0.0.1')
    ap.add_argument('--port', type=int, default=5360, help='the channel server\'s SIP port (TCP)')
    ap.add_argument('--https-port', type=int, default=8743, help='for creating the rooms (the admin API answers over HTTPS only)')
    ap.add_argument('--domain', default='bench.test')
    ap.add_argument('--channel-user', default='channel-bench')
    ap.add_argument('--admin-password', default='bench-admin')
    ap.add_argument('--posters', type=int, default=3, help='posters per room (its first K participants)')
    ap.add_argument('--warmup', type=float, default=0, help='seconds of the same load before measuring')
    ap.add_argument('--connections', type=int, default=0, help='0: one per participant; N: N shared (a proxy)')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--drain', type=float, default=15.0)
    ap.add_argument('--tick', type=float, default=0.005)
    ap.add_argument('--connect-concurrency', type=int, default=40)
    ap.add_argument('--server-pid', type=int, default=0)
    ap.add_argument('--peer', default='groupchat')
    ap.add_argument('--settle-max', type=float, default=120, help='seconds to wait at most for an idle server first')
    ap.add_argument('--then-rate', type=float, default=0, help='after the measured load, posts/s of a lighter one, to see how soon latency is normal')
    ap.add_argument('--then-seconds', type=float, default=0)
    ap.add_argument('--normal-ms', type=float, default=100, help='a second of the lighter load is normal when its p99 is under this')
    ap.add_argument('--stalled', type=int, default=0,
                    help='per room, its last K participants stop reading as the measured load starts (one connection each)')
    ap.add_argument('--socket-times', action='store_true',
                    help='also arrival_p50_ms, arrival_p99_ms: from the post to its arrival at the socket (slower reads: not for load)')
    ap.add_argument('--paired', action='store_true',
                    help='each worker posts its share from the same start, as the XMPP client does (pairs of posts at once), instead of one evenly spaced schedule')
    ap.add_argument('--json', action='store_true')
    a = ap.parse_args()
    a.posters = max(1, min(a.posters, a.occupants))
    if a.stalled and (a.connections or a.stalled > a.occupants - a.posters - 1):
        ap.error('--stalled needs one connection per participant, and a reader besides the posters in each room')
    if not uvloop:
        print('warning: no uvloop (python3-uvloop): the client runs on asyncio\'s own loop, slower, and its share of every figure grows',
              file=sys.stderr)
    a.run_id = '%x' % random.getrandbits(32)
    # a previous run's backlog (an overloaded one) must not count against this one
    settle_from = time.time()
    while a.server_pid and time.time() - settle_from < a.settle_max:
        cpu0, _ = proc_stat(a.server_pid)
        time.sleep(1.0)
        cpu1, _ = proc_stat(a.server_pid)
        if cpu0 is None or cpu1 is None or cpu1 - cpu0 < 0.15:
            break
    settle = time.time() - settle_from
    a.room_uris = create_rooms(a)

    ctx = mp.get_context('fork')
    pipes, procs = [], []
    for wid in range(a.workers):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=worker_entry, args=(a, wid, child), daemon=True)
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    rss_max = [0.0]
    server_cpu_at = []  # (when, the server's CPU seconds): the measured window's share is read off these

    def sample():
        if a.server_pid:
            cpu, rss = proc_stat(a.server_pid)
            if rss:
                rss_max[0] = max(rss_max[0], rss)
            if cpu is not None:
                server_cpu_at.append((time.time(), cpu))
    try:
        ready = gather(pipes, 'ready', 600)
        dialogs = sum(m[1][0] for m in ready)
        join_retries = sum(m[1][1] for m in ready)
        # the logon storm: every participant connects, INVITEs, ACKs and joins, connect_concurrency at a time per worker
        join_seconds = max(m[1][3] for m in ready) - min(m[1][2] for m in ready)
        sample()
        time.sleep(1.0)
        t0 = time.time() + a.warmup + 0.5
        for p in pipes:
            p.send(t0)
        gather_wait = a.warmup + 5
        while time.time() < t0:
            sample()
            time.sleep(0.25)
        srv_cpu0, _ = proc_stat(a.server_pid) if a.server_pid else (None, None)
        posted = gather(pipes, 'posted', a.seconds + gather_wait + 60, sample)
        posts = {}
        for m in posted:
            for room, n in m[1].items():
                posts[room] = posts.get(room, 0) + n
        for p in pipes:
            p.send(posts)
        done = gather(pipes, 'done', a.drain + a.then_seconds + 120, sample)
        srv_cpu1, _ = proc_stat(a.server_pid) if a.server_pid else (None, None)
        for p in pipes:
            p.send('close')
        for proc in procs:
            proc.join(10)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
    results = [m[1] for m in done]
    lat = array('q')
    for m in done:
        lat.frombytes(m[2])
    lat = sorted(lat)
    ack_lat = array('q')
    for m in done:
        ack_lat.frombytes(m[3])
    ack_lat = sorted(ack_lat)
    arrival_lat = array('q')
    for m in done:
        arrival_lat.frombytes(m[5])
    arrival_lat = sorted(arrival_lat)
    total = lambda key: sum(r[key] for r in results)
    received, sent, acked, refused = total('received'), total('sent'), total('acked'), total('refused')
    expected = total('expected')  # a post never answered is expected: it may have been stored
    last_rx = max(r['last_rx'] for r in results) / 1e9
    window = max(a.seconds, (last_rx - t0) if last_rx else 0)
    client_cpu = total('cpu')
    # up to the window's end, not to the workers' 'done': that comes after --then-seconds' lighter load too
    in_window = [cpu for when, cpu in server_cpu_at if when <= t0 + window]
    if in_window:
        srv_cpu1 = in_window[-1]
    server_cpu = (srv_cpu1 - srv_cpu0) if srv_cpu0 is not None and srv_cpu1 is not None else None
    refusals = {}
    for r in results:
        for status, n in r['refusals'].items():
            refusals[status] = refusals.get(status, 0) + n
    line = ('peer=%s rooms=%d occupants=%d posts_per_s=%.0f deliveries_per_s=%.0f p50_ms=%.1f p99_ms=%.1f '
            'lost=%d rss_mb=%.0f' % (a.peer, a.rooms, a.occupants, sent / a.seconds, received / window,
                                     pct(lat, 0.5) / 1000, pct(lat, 0.99) / 1000, max(0, expected - received),
                                     rss_max[0]))
    line += (' expected=%d window_s=%.1f client_cpu_pct=%.0f server_cpu_pct=%s posters_per_room=%d workers=%d conns=%s'
             % (expected, window, 100 * client_cpu / window,
                ('%.0f' % (100 * server_cpu / window)) if server_cpu is not None else 'na',
                a.posters, a.workers, a.connections or dialogs))
    line += ' settle_s=%.0f joins_per_s=%.0f' % (settle, dialogs / join_seconds if join_seconds > 0 else 0)
    line += (' acked_per_s=%.0f refused=%d unanswered=%d out_of_order=%d warmup_s=%.0f'
             % (acked / a.seconds, refused, sent - acked - refused - total('failed'), total('out_of_order'), a.warmup))
    line += ' ack_p50_ms=%.1f ack_p99_ms=%.1f' % (pct(ack_lat, 0.5) / 1000, pct(ack_lat, 0.99) / 1000)
    if a.socket_times:
        line += (' arrival_p50_ms=%.1f arrival_p99_ms=%.1f'
                 % (pct(arrival_lat, 0.5) / 1000, pct(arrival_lat, 0.99) / 1000))
    if refusals:
        line += ' failed=' + ','.join('%s:%d' % kv for kv in sorted(refusals.items()))
    if join_retries:
        line += ' join_retries=%d' % join_retries
    if total('disconnects'):
        line += ' disconnects=%d' % total('disconnects')
    if a.stalled:
        line += ' stalled=%d stalled_put_out=%d' % (a.stalled * a.rooms, total('stalled_put_out'))
    print(line, flush=True)
    if a.then_seconds > 0:
        print(recovery_line(a, t0 + a.seconds, done), flush=True)
    if a.json:
        print(json.dumps(dict(sent=sent, acked=acked, refused=refused, received=received, expected=expected,
                              stale=total('stale'), p90_ms=pct(lat, 0.9) / 1000,
                              max_ms=(lat[-1] / 1000 if lat else None))), flush=True)


if __name__ == '__main__':
    main()
