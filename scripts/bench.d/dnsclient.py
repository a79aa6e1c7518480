"""A minimal DNS client over loopback UDP: free ports, queries, answers, waiting for a server."""

import json
import os
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
