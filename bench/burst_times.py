#!/usr/bin/python3
"""How long the server takes over each post's fan-out, read from a packet capture of its SIP port.

    tcpdump -i lo -nn -s 200 -w /tmp/fanout.pcap 'tcp port 5360' &   # during a bench/run-groupchat.sh run
    bench/burst_times.py /tmp/fanout.pcap [PORT]

For every INFO a client sends to the server that is followed by a burst of INFOs from the server
(a post and its deliveries), prints when, after the post reached the server's socket, the first,
middle and last delivery left it, when the poster's 200 left, and when the last answer to a
delivery came back; then the percentiles of each over all posts. These are the server's times
alone: the load client's own delay in reading (the difference between sip_load.py's p99 and its
arrival_p99) is not in them. A post whose burst overlaps the next post's is counted up to the next
post only, so a capture at a rate where bursts overlap shows the first of two; compare
sip_load.py's arrival figures for those.
"""
import struct
import sys

SERVER_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 5360
MIN_BURST = 50  # deliveries that make a post's fan-out (a join's notice goes to few)


def packets(path):
    """(seconds, from server?, payload) of each TCP segment with a payload, from a pcap of the loopback interface."""
    with open(path, 'rb') as capture:
        capture.read(24)
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
    post, pushes, ok, answers = None, [], None, []
    for t, from_server, payload in packets(path):
        if not from_server and payload.startswith(b'INFO '):
            if post is not None and len(pushes) >= MIN_BURST:
                yield post, pushes, ok, answers
            post, pushes, ok, answers = t, [], None, []
        elif post is None:
            continue
        elif from_server and payload.startswith(b'INFO '):
            pushes.append(t)
        elif from_server and payload.startswith(b'SIP/2.0 200') and ok is None:
            ok = t
        elif not from_server and payload.startswith(b'SIP/2.0 '):
            answers.append(t)
    if post is not None and len(pushes) >= MIN_BURST:
        yield post, pushes, ok, answers


def main():
    columns = {'first': [], 'middle': [], 'last': [], 'poster_200': [], 'last_answer': []}
    for post, pushes, ok, answers in bursts(sys.argv[1]):
        row = {'first': pushes[0], 'middle': pushes[len(pushes) // 2], 'last': pushes[-1],
               'poster_200': ok, 'last_answer': answers[-1] if answers else None}
        print('deliveries %d, ms after the post: ' % len(pushes)
              + ', '.join('%s %.2f' % (name, (t - post) * 1e3) for name, t in row.items() if t is not None))
        for name, t in row.items():
            if t is not None:
                columns[name].append((t - post) * 1e3)
    for name, values in columns.items():
        if values:
            values.sort()
            print('%-12s posts %d, p50 %.2f ms, p90 %.2f ms, max %.2f ms' % (
                name, len(values), values[len(values) // 2], values[int(len(values) * 0.9)], values[-1]))


if __name__ == '__main__':
    main()
