"""A minimal DNS client over loopback UDP: free ports, queries, answers, waiting for a server."""

import json
import os
import signal
import socket
import struct
import sys
import time

TYPE_A = 1


def cmd_free_ports(args):
    """Ports free for both UDP and TCP on 127.0.0.1, kept bound until all are found."""
    socks, ports = [], []
    while len(ports) < args.count:
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            udp.bind(("127.0.0.1", port))
        except OSError:
            tcp.close()
            continue
        socks += [tcp, udp]
        ports.append(port)
    print(" ".join(map(str, ports)))


def dns_query(name, qtype, qid):
    header = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0)
    qname = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split(".")) + b"\0"
    return header + qname + struct.pack(">HH", qtype, 1)


def skip_name(msg, pos):
    while True:
        length = msg[pos]
        if length & 0xC0 == 0xC0:
            return pos + 2
        if length == 0:
            return pos + 1
        pos += length + 1


def answer_ipv4s(msg):
    """rcode and the set of A addresses in the answer section."""
    _, flags, qd, an, _, _ = struct.unpack(">HHHHHH", msg[:12])
    pos = 12
    for _ in range(qd):
        pos = skip_name(msg, pos) + 4
    ips = set()
    for _ in range(an):
        pos = skip_name(msg, pos)
        rtype, _, _, rdlen = struct.unpack(">HHIH", msg[pos:pos + 10])
        pos += 10
        if rtype == TYPE_A and rdlen == 4:
            ips.add(socket.inet_ntoa(msg[pos:pos + 4]))
        pos += rdlen
    return flags & 0xF, ips


class Resolver:
    """A raw UDP socket asking one server, for tight polling loops."""

    def __init__(self, port, timeout=0.2):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.connect(("127.0.0.1", port))
        self.sock.settimeout(timeout)
        self.qid = 0

    def ask(self, name, qtype=TYPE_A):
        """The response, or None on a time-out or while nothing listens on the port."""
        self.qid = (self.qid + 1) & 0xFFFF
        try:
            self.sock.send(dns_query(name, qtype, self.qid))
            while True:
                msg = self.sock.recv(4096)
                if struct.unpack(">H", msg[:2])[0] == self.qid:
                    return msg
        except (socket.timeout, ConnectionRefusedError):
            return None

    def wait_for_answer(self, name, wanted, limit_seconds, pause=0.0):
        """Seconds until wanted(ipv4 set) holds for a NOERROR answer, or None past the limit."""
        started = time.perf_counter()
        while True:
            msg = self.ask(name)
            now = time.perf_counter()
            if msg is not None:
                rcode, ips = answer_ipv4s(msg)
                if rcode == 0 and wanted(ips):
                    return now - started
            if now - started > limit_seconds:
                return None
            if pause:
                time.sleep(pause)


def cmd_wait_dns(args):
    """Waits until the server answers NAME (with an address when --address), giving up early when
    the process --pid has ended; prints {"ms": time since --since (ns, CLOCK_REALTIME) or since
    the call}."""
    started_ns = args.since or time.time_ns()
    resolver = Resolver(args.port, timeout=0.05)
    wanted = (lambda ips: bool(ips)) if args.address else (lambda ips: True)
    deadline = time.monotonic() + args.timeout
    while resolver.wait_for_answer(args.name, wanted, 1.0, pause=0.005) is None:
        if args.pid and not os.path.exists(f"/proc/{args.pid}"):
            sys.exit(f"wait-dns: the server (pid {args.pid}) ended before it answered {args.name}")
        if time.monotonic() > deadline:
            sys.exit(f"wait-dns: no answer for {args.name} on port {args.port} within {args.timeout} s")
    print(json.dumps({"ms": round((time.time_ns() - started_ns) / 1e6, 1)}))


def cmd_flood(args):
    """Random-subdomain flood: names r<8 hex digits><6 digits>.ZONE, each asked once (the first
    label from a counter, scrambled), to PORT at --rate queries a second in bursts every
    millisecond, until SIGTERM or --max-seconds; prints {"sent", "refused", "seconds", "qps"}
    (refused: sends the kernel failed, after the server's port was found closed). The answers
    are never read: the smallest receive buffer fills and the kernel drops the rest, as for a
    flood from spoofed addresses. So the flood takes little of the load generator's CPU (dnsperf
    paced at 20,000 queries a second takes some 40 % of it, and the legit load would measure the
    generator rather than the server); the server still decodes, answers and sends every query."""
    header = b"\0\0\0\0\0\1\0\0\0\0\0\0"
    suffix = b"".join(bytes([len(label)]) + label.encode() for label in args.zone.rstrip(".").split("."))
    suffix += b"\0" + struct.pack(">HH", TYPE_A, 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
    sock.connect(("127.0.0.1", args.port))
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    started = time.monotonic()
    sent = refused = 0
    while not stopping and (elapsed := time.monotonic() - started) < args.max_seconds:
        for number in range(sent, int(elapsed * args.rate)):
            label = b"\x0fr%08x%06d" % (number * 2654435761 & 0xFFFFFFFF, number % 1_000_000)
            try:
                sock.send(header + label + suffix)
            except OSError:
                refused += 1
        sent = max(sent, int(elapsed * args.rate))
        time.sleep(0.001)
    seconds = time.monotonic() - started
    print(json.dumps({"sent": sent, "refused": refused, "seconds": round(seconds, 3), "qps": round(sent / seconds, 1)}))
