"""Zone transfers from gnsd over loopback TCP: AXFR and IXFR timed and sized, a readiness change's
IXFR, and full transfers asked at a steady pace while other runs measure."""

import json
import random
import signal
import socket
import struct
import threading
import time

import dataset
from dataset import MCS_SUFFIX, cluster_id, endpoint_ipv4, service_name
from dnsclient import dns_query, skip_name
from pushapi import API, ClusterWriter

TYPE_SOA, TYPE_IXFR, TYPE_AXFR = 6, 251, 252
ZONE = "clusterset.local"


def transfer_query(zone, serial=None, qid=0x7878):
    """AXFR, or IXFR from `serial` (with the SOA the secondary has in the authority section)."""
    if serial is None:
        return dns_query(zone, TYPE_AXFR, qid)
    header = struct.pack(">HHHHHH", qid, 0, 1, 0, 1, 0)
    qname = b"".join(bytes([len(label)]) + label.encode() for label in zone.split(".")) + b"\0"
    soa = b"\0\0" + struct.pack(">IIIII", serial, 0, 0, 0, 0)
    return header + qname + struct.pack(">HH", TYPE_IXFR, 1) + qname + struct.pack(">HHIH", TYPE_SOA, 1, 0, len(soa)) + soa


def records(msg):
    """(type, SOA serial or None) of each answer record of one message."""
    qdcount, ancount = struct.unpack(">HH", msg[4:8])
    pos = 12
    for _ in range(qdcount):
        pos = skip_name(msg, pos) + 4
    for _ in range(ancount):
        pos = skip_name(msg, pos)
        rtype, _, _, rdlen = struct.unpack(">HHIH", msg[pos:pos + 10])
        pos += 10
        serial = None
        if rtype == TYPE_SOA:
            serial = struct.unpack(">I", msg[skip_name(msg, skip_name(msg, pos)):][:4])[0]
        yield rtype, serial
        pos += rdlen


class TransferEnd:
    """Tells where a transfer response ends (RFC 5936 §2.2, RFC 1995 §4): AXFR at its second
    SOA; IXFR at the SOA alone, at the closing SOA of an AXFR-style answer, or at the current SOA
    met while adding records."""

    def __init__(self, incremental):
        self.incremental, self.first, self.count, self.mode, self.adding = incremental, None, 0, None, False

    def take(self, rtype, serial):
        self.count += 1
        if self.first is None:
            self.first = serial
            return False
        if self.count == 2 and self.incremental:
            self.mode = "differences" if rtype == TYPE_SOA and serial != self.first else "full"
            if self.mode == "differences":
                return False
        if rtype != TYPE_SOA:
            return False
        if self.mode == "differences":
            if self.adding and serial == self.first:
                return True
            self.adding = not self.adding
            return False
        return True


def transfer(port, zone, serial=None, timeout=30):
    """Times one AXFR (or IXFR from `serial`) from its query to its last message."""
    started = time.perf_counter()
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        query = transfer_query(zone, serial)
        sock.sendall(struct.pack(">H", len(query)) + query)
        reader = sock.makefile("rb")
        end, total, messages, rcode = TransferEnd(serial is not None), 0, 0, 0
        done = False
        while not done:
            length = struct.unpack(">H", reader.read(2))[0]
            msg = reader.read(length)
            total, messages = total + 2 + length, messages + 1
            rcode = msg[3] & 0xF
            if rcode:
                break
            for rtype, soa_serial in records(msg):
                done = end.take(rtype, soa_serial) or done
            if end.count == 1 and end.incremental and struct.unpack(">H", msg[6:8])[0] == 1:
                done = True
        return {"seconds": round(time.perf_counter() - started, 4), "bytes": total, "messages": messages,
                "records": end.count, "rcode": rcode}
    finally:
        sock.close()


def soa_serial(port, zone):
    """The zone's serial over UDP."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(1)
    try:
        sock.sendto(dns_query(zone, TYPE_SOA, 0x5353), ("127.0.0.1", port))
        msg = sock.recv(4096)
        return next(serial for rtype, serial in records(msg) if rtype == TYPE_SOA)
    finally:
        sock.close()


def cmd_axfr(args):
    """One full transfer of the zone, timed: the first after a change builds the zone."""
    print(json.dumps(transfer(args.port, args.zone)))


def cmd_ixfr_readiness(args):
    """One service of the last cluster loses every ready endpoint (an intended delta, which gnsd's
    withdrawal guard does not hold); the IXFR from the serial before, sized; then the endpoints
    come back."""
    data = dataset.load(args.dir)
    index = data["clusters"] - 1
    writer = ClusterWriter(API(args.api), cluster_id(index))
    s = random.Random(5).randrange(data["services"])
    before = soa_serial(args.port, ZONE)
    changes = [(service_name(s), endpoint_ipv4(index, s, k), False) for k in range(data["endpoints"])]
    if writer.readiness(changes, intended=True) != 200:
        raise SystemExit("ixfr-readiness: delta refused")
    deadline = time.monotonic() + 5
    while soa_serial(args.port, ZONE) == before and time.monotonic() < deadline:
        time.sleep(0.005)
    result = transfer(args.port, ZONE, serial=before)
    writer.readiness([(name, address, True) for name, address, _ in changes])
    print(json.dumps(result | {"service": f"{service_name(s)}.{MCS_SUFFIX}"}))


def cmd_xfr_load(args):
    """A full transfer every `interval` seconds until SIGTERM or `max_seconds`; counts them."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    started, count, seconds = time.monotonic(), 0, []
    while not stop.is_set() and time.monotonic() - started < args.max_seconds:
        seconds.append(transfer(args.port, args.zone)["seconds"])
        count += 1
        stop.wait(args.interval)
    print(json.dumps({"transfers": count, "max_seconds": max(seconds, default=None)}))
