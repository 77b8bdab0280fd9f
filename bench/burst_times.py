#!/usr/bin/python3
"""How long the server takes over each post's fan-out, read from a packet capture of its SIP port.

    tcpdump -i lo -nn -s 200 -w /tmp/fanout.pcap 'tcp port 5360' &   # during a bench/run-groupchat.sh run
    bench/burst_times.py /tmp/fanout.pcap [PORT]

For every INFO a client sends to the server that is followed by a burst of INFOs from the server
(a post and its deliveries), prints when, after the post reached the server's socket, the first,
middle and last delivery left it, when the poster's 200 left, and when the last answer to a
delivery came back; then the percentiles of each over all posts. These are the server's times
alone: the load client's own delay in reading (the difference between sip_load.py's p99 and its
arrival_p99) is not in them. Each delivery counts for the latest post that arrived before it left:
where bursts overlap, a post's burst is cut at the next post's arrival and the rest of it counts for
that next post; sip_load.py's arrival figures are the ones for such rates.
"""
import struct
import sys

from sip_load import pct

SERVER_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 5360
MIN_BURST = 50  # deliveries that make a post's fan-out (a join's notice goes to few)


def packets(path):
    """(seconds, from server?, payload) of each TCP segment with a payload, from a pcap of the loopback interface."""
    with open(path, 'rb') as capture:
        magic, linktype = struct.unpack('<I16xI', capture.read(24))
        if magic != 0xa1b2c3d4 or linktype != 1:
            sys.exit('%s: not a microsecond pcap of an Ethernet-framed interface (tcpdump -i lo)' % path)
        while True:
            head = capture.read(16)
            if len(head) < 16:
                return
            seconds, micros, length, _ = struct.unpack('<IIII', head)
            frame = capture.read(length)
            ip = frame[14:]
            tcp = ip[(ip[0] & 15) * 4:]
            source, destination = struct.unpack('>HH', tcp[:4])
            payload = tcp[(tcp[12] >> 4) * 4:]
            if payload and SERVER_PORT in (source, destination):
                yield seconds + micros / 1e6, source == SERVER_PORT, payload


def bursts(path):
    """(post, deliveries, poster's 200, answers) for each post followed by a fan-out, as times."""
    posts = []
    for t, from_server, payload in packets(path):
        if not from_server and payload.startswith(b'INFO '):
            posts.append((t, [], [], []))
        elif posts and from_server and payload.startswith(b'INFO '):
            posts[-1][1].append(t)
        elif posts and from_server and payload.startswith(b'SIP/2.0 200'):
            posts[-1][2].append(t)
        elif posts and not from_server and payload.startswith(b'SIP/2.0 '):
            posts[-1][3].append(t)
    for post, pushes, oks, answers in posts:
        if len(pushes) >= MIN_BURST:
            yield post, pushes, oks[0] if oks else None, answers


def main():
    columns = {}
    for post, pushes, ok, answers in bursts(sys.argv[1]):
        row = {'first': pushes[0], 'middle': pushes[len(pushes) // 2], 'last': pushes[-1],
               'poster_200': ok, 'last_answer': answers[-1] if answers else None}
        print('deliveries %d, ms after the post: ' % len(pushes)
              + ', '.join('%s %.2f' % (name, (t - post) * 1e3) for name, t in row.items() if t is not None))
        for name, t in row.items():
            if t is not None:
                columns.setdefault(name, []).append((t - post) * 1e3)
    for name, values in columns.items():
        values.sort()
        print('%-12s posts %d, p50 %.2f ms, p90 %.2f ms, max %.2f ms' % (
            name, len(values), pct(values, 0.5), pct(values, 0.9), values[-1]))


if __name__ == '__main__':
    main()
