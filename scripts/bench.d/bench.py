#!/usr/bin/env python3
"""Helpers of scripts/bench: data set, pushes, push latency and throughput, /proc figures, report.

Python 3.11 standard library only. Every subcommand is bounded in time by its caller.

  generate DIR --services N --clusters M --endpoints K   zone files, snapshot bodies, query files
  free-ports COUNT                                        loopback ports free for UDP and TCP
  wait-dns PORT NAME                                      wait until PORT answers NAME
  push-snapshots DIR API                                  PUT every cluster's snapshot
  churn DIR API --rate R                                  readiness flips at R deltas/s until killed
  visible DIR API DNSPORT --samples S                     push-to-visible latency (JSON on stdout)
  throughput DIR API --count C                            accepted deltas/s (JSON on stdout)
  proc-stats PID                                          CPU seconds and peak RSS of PID's process tree
  record RESULTS --server S --scenario X --round R --dnsperf LOG --before J --after J
                                                          append one dnsperf run to RESULTS (JSON lines)
  report RESULTS.jsonl OUT.json                           the table on stdout, the JSON result to OUT.json
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import struct
import sys
import threading
import time
from pathlib import Path

NAMESPACE = "default"
STATIC_ZONE = "bench.test"
MCS_SUFFIX = "default.svc.clusterset.local"
GLOBAL_DOMAIN = "acme.local"
PORT_NAME = "http"
SERVICE_PORT = 80


# ---------------------------------------------------------------------------- data set

def cluster_id(c):
    return f"cluster-{c}"


def service_name(s):
    return f"svc-{s:05d}"


def service_ipv4(c, s):
    """The service (ClusterSetIP) address of service s in cluster c: 10.(96+c).x.y."""
    return f"10.{96 + c}.{s >> 8 & 255}.{s & 255}"


def service_ipv6(c, s):
    return f"fd00:96:{c:x}::{s:x}"


def endpoint_ipv4(c, s, k):
    """Endpoint k of service s in cluster c: 10.(128+c*8+k/2).x.y; up to 16 endpoints per service."""
    n = s * 16 + k
    return f"10.{128 + c * 8 + (n >> 16)}.{n >> 8 & 255}.{n & 255}"


def mixed_case(name, rng):
    """0x20-style random case, as a resolver sends it."""
    return "".join(ch.upper() if ch.isalpha() and rng.random() < 0.5 else ch for ch in name)


def static_zone(services, clusters):
    lines = [
        f"$ORIGIN {STATIC_ZONE}.",
        "$TTL 300",
        f"@ 3600 IN SOA ns1.{STATIC_ZONE}. hostmaster.{STATIC_ZONE}. 1 3600 600 1209600 30",
        "@ 3600 IN NS ns1",
        "ns1 3600 IN A 127.0.0.1",
    ]
    for s in range(services):
        name = service_name(s)
        for c in range(clusters):
            lines.append(f"{name} 5 IN A {service_ipv4(c, s)}")
        for c in range(clusters):
            lines.append(f"{name} 5 IN AAAA {service_ipv6(c, s)}")
        lines.append(f"_{PORT_NAME}._tcp.{name} 30 IN SRV 0 1 {SERVICE_PORT} {name}")
    return "\n".join(lines) + "\n"


def export_body(c, s, endpoints):
    return {
        "namespace": NAMESPACE,
        "name": service_name(s),
        "type": "clusterSetIP",
        "ips": [service_ipv4(c, s), service_ipv6(c, s)],
        "ports": [{"name": PORT_NAME, "port": SERVICE_PORT, "protocol": "TCP"}],
        "endpoints": [
            {"addresses": [endpoint_ipv4(c, s, k)], "ready": True, "zone": f"zone-{k % 3}"}
            for k in range(endpoints)
        ],
    }


def query_file(path, services, suffixes, count, rng):
    """Mostly A, some AAAA and SRV, about 5% NXDOMAIN, every name in random case."""
    with open(path, "w") as out:
        for _ in range(count):
            suffix = rng.choice(suffixes)
            name = service_name(rng.randrange(services))
            roll = rng.random()
            if roll < 0.05:
                line = f"nx-{rng.randrange(1_000_000)}.{suffix} A"
            elif roll < 0.75:
                line = f"{name}.{suffix} A"
            elif roll < 0.90:
                line = f"{name}.{suffix} AAAA"
            else:
                line = f"_{PORT_NAME}._tcp.{name}.{suffix} SRV"
            out.write(mixed_case(line.split(" ")[0], rng) + " " + line.split(" ")[1] + "\n")


def cmd_generate(args):
    if args.endpoints > 16:
        sys.exit("generate: at most 16 endpoints per service")
    out = Path(args.dir)
    (out / "snapshots").mkdir(parents=True, exist_ok=True)
    (out / "queries").mkdir(exist_ok=True)
    (out / f"{STATIC_ZONE}.zone").write_text(static_zone(args.services, args.clusters))
    for c in range(args.clusters):
        body = {
            "generation": 1,
            "cluster": {"region": f"region-{c % 2}"},
            "exports": [export_body(c, s, args.endpoints) for s in range(args.services)],
        }
        (out / "snapshots" / f"{cluster_id(c)}.json").write_text(json.dumps(body))
    rng = random.Random(1645)
    query_file(out / "queries" / "static.txt", args.services, [STATIC_ZONE], args.queries, rng)
    query_file(out / "queries" / "dynamic.txt", args.services, [MCS_SUFFIX, GLOBAL_DOMAIN], args.queries, rng)
    (out / "dataset.json").write_text(json.dumps({
        "services": args.services, "clusters": args.clusters, "endpoints": args.endpoints,
        "queries": args.queries,
    }))


# ---------------------------------------------------------------------------- ports and DNS

def cmd_free_ports(args):
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
        if rtype == 1 and rdlen == 4:
            ips.add(socket.inet_ntoa(msg[pos:pos + 4]))
        pos += rdlen
    return flags & 0xF, ips


class Resolver:
    """A raw UDP socket asking one server, for tight polling loops."""

    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.connect(("127.0.0.1", port))
        self.sock.settimeout(0.2)
        self.qid = 0

    def ask(self, name, qtype=1):
        self.qid = (self.qid + 1) & 0xFFFF
        self.sock.send(dns_query(name, qtype, self.qid))
        while True:
            try:
                msg = self.sock.recv(4096)
            except socket.timeout:
                return None
            if struct.unpack(">H", msg[:2])[0] == self.qid:
                return msg


def cmd_wait_dns(args):
    resolver = Resolver(args.port)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        msg = resolver.ask(args.name)
        if msg is not None and answer_ipv4s(msg)[0] == 0:
            return
        time.sleep(0.05)
    sys.exit(f"wait-dns: no answer for {args.name} on port {args.port} within {args.timeout} s")


# ---------------------------------------------------------------------------- push API

class API:
    """One keep-alive HTTP connection to gnsd's push API."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30)

    def call(self, method, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        return response.status, response.read()


class ClusterWriter:
    """Tracks one cluster's generation and sends readiness deltas against it."""

    def __init__(self, api, cluster, generation):
        self.api, self.cluster, self.generation = api, cluster, generation

    def readiness(self, changes):
        body = {
            "baseGeneration": self.generation,
            "generation": self.generation + 1,
            "readiness": [
                {"namespace": NAMESPACE, "name": name, "address": address, "ready": ready}
                for name, address, ready in changes
            ],
        }
        status, data = self.api.call("PATCH", f"/v1/clusters/{self.cluster}/exports", body)
        if status == 200:
            self.generation = json.loads(data)["generation"]
        return status


def dataset(directory):
    return json.loads((Path(directory) / "dataset.json").read_text())


def current_generation(api, cluster):
    status, data = api.call("GET", f"/v1/clusters/{cluster}/exports")
    if status != 200:
        sys.exit(f"bench: GET exports of {cluster}: HTTP {status} {data[:200]!r}")
    return json.loads(data)["generation"]


def cmd_push_snapshots(args):
    api = API(args.api)
    timings = {}
    for path in sorted((Path(args.dir) / "snapshots").glob("*.json")):
        started = time.monotonic()
        status, data = api.call("PUT", f"/v1/clusters/{path.stem}/snapshot", path.read_bytes())
        if status != 200:
            sys.exit(f"push-snapshots: {path.stem}: HTTP {status} {data[:300]!r}")
        timings[path.stem] = round(time.monotonic() - started, 4)
    print(json.dumps({"snapshot_seconds": timings}))


def flip_plan(data, cluster_index, rng):
    """An endless stream of (service, address, ready) readiness flips in one cluster."""
    ready = {}
    while True:
        s, k = rng.randrange(data["services"]), rng.randrange(data["endpoints"])
        address = endpoint_ipv4(cluster_index, s, k)
        ready[address] = not ready.get(address, True)
        yield service_name(s), address, ready[address]


def cmd_churn(args):
    """Readiness flips in the last cluster at a steady rate, until SIGTERM; counts on exit."""
    data = dataset(args.dir)
    index = data["clusters"] - 1
    api = API(args.api)
    writer = ClusterWriter(api, cluster_id(index), current_generation(api, cluster_id(index)))
    plan = flip_plan(data, index, random.Random(7))
    counts = {"accepted": 0, "refused": 0}
    interval, next_at = 1.0 / args.rate, time.monotonic()
    started = time.monotonic()
    deadline = started + args.max_seconds
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    while not stop.is_set() and time.monotonic() < deadline:
        status = writer.readiness([next(plan)])
        counts["accepted" if status == 200 else "refused"] += 1
        next_at += interval
        stop.wait(max(0.0, next_at - time.monotonic()))
    counts["seconds"] = round(time.monotonic() - started, 3)
    Path(args.out).write_text(json.dumps(counts))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def cmd_visible(args):
    """Marks every endpoint of one service in the last cluster unready (then ready again) and polls
    DNS until the cluster's service IP leaves (joins) the answer; times from the accepted delta."""
    data = dataset(args.dir)
    index = data["clusters"] - 1
    api = API(args.api)
    writer = ClusterWriter(api, cluster_id(index), current_generation(api, cluster_id(index)))
    resolver = Resolver(args.dns_port)
    rng = random.Random(11)
    samples, timeouts = [], 0
    deadline = time.monotonic() + args.max_seconds
    while len(samples) + timeouts < args.samples and time.monotonic() < deadline:
        s = rng.randrange(data["services"])
        qname = f"{service_name(s)}.{MCS_SUFFIX}"
        ip = service_ipv4(index, s)
        for ready in (False, True):
            changes = [(service_name(s), endpoint_ipv4(index, s, k), ready) for k in range(data["endpoints"])]
            status = writer.readiness(changes)
            if status != 200:
                sys.exit(f"visible: delta refused with HTTP {status}")
            accepted = time.perf_counter()
            limit = accepted + 1.0
            while True:
                msg = resolver.ask(qname)
                now = time.perf_counter()
                if msg is not None and (ip in answer_ipv4s(msg)[1]) == ready:
                    samples.append((now - accepted) * 1000)
                    break
                if now > limit:
                    timeouts += 1
                    break
    result = {"samples": len(samples), "not_visible_within_1s": timeouts}
    if samples:
        result |= {"p50_ms": round(percentile(samples, 0.5), 3), "p99_ms": round(percentile(samples, 0.99), 3),
                   "max_ms": round(max(samples), 3)}
    print(json.dumps(result))


def cmd_throughput(args):
    """One keep-alive connection per cluster, each sending readiness deltas back to back."""
    data = dataset(args.dir)
    per_cluster = max(1, args.count // data["clusters"])
    counts = {"accepted": 0, "refused": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + args.max_seconds

    def run(index):
        api = API(args.api)
        writer = ClusterWriter(api, cluster_id(index), current_generation(api, cluster_id(index)))
        plan = flip_plan(data, index, random.Random(100 + index))
        accepted = refused = 0
        for _ in range(per_cluster):
            if time.monotonic() > deadline:
                break
            if writer.readiness([next(plan)]) == 200:
                accepted += 1
            else:
                refused += 1
        with lock:
            counts["accepted"] += accepted
            counts["refused"] += refused

    threads = [threading.Thread(target=run, args=(c,)) for c in range(data["clusters"])]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    print(json.dumps(counts | {"connections": len(threads), "seconds": round(seconds, 3),
                               "accepted_per_second": round(counts["accepted"] / seconds, 1)}))


# ---------------------------------------------------------------------------- /proc and dnsperf

def process_tree(root):
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += children.get(pid, [])
    return pids


def cmd_proc_stats(args):
    """utime+stime of every process in the tree (seconds) and the largest VmHWM (KiB)."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu, hwm = 0, 0
    for pid in process_tree(args.pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        cpu += int(fields[11]) + int(fields[12])
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                hwm = max(hwm, int(line.split()[1]))
    print(json.dumps({"cpu_seconds": cpu / ticks, "peak_rss_kib": hwm}))


def parse_dnsperf(path):
    """dnsperf's summary: counts, queries/s, average latency and its standard deviation."""
    result = {}
    keys = {"Queries sent:": "sent", "Queries completed:": "completed", "Queries lost:": "lost",
            "Queries per second:": "qps", "Average Latency (s):": "avg_latency_s",
            "Latency StdDev (s):": "stddev_latency_s"}
    for line in Path(path).read_text().splitlines():
        text = line.strip()
        for prefix, key in keys.items():
            if text.startswith(prefix):
                result[key] = float(text[len(prefix):].split()[0])
    missing = {"sent", "completed", "lost", "qps", "avg_latency_s"} - result.keys()
    if missing:
        sys.exit(f"record: {path}: dnsperf printed no {', '.join(sorted(missing))}")
    return result


def cmd_record(args):
    before, after = json.loads(args.before), json.loads(args.after)
    record = {"kind": "run", "server": args.server, "scenario": args.scenario, "round": args.round}
    record |= parse_dnsperf(args.dnsperf)
    record |= {"server_cpu_seconds": round(after["cpu_seconds"] - before["cpu_seconds"], 3),
               "peak_rss_kib": after["peak_rss_kib"]}
    with open(args.results, "a") as out:
        out.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------------------- report

def cmd_report(args):
    runs, extras, meta = [], [], {}
    for line in Path(args.results).read_text().splitlines():
        record = json.loads(line)
        kind = record.pop("kind")
        if kind == "meta":
            meta.update(record)
        else:
            (runs if kind == "run" else extras).append(record)
    groups = {}
    for run in runs:
        groups.setdefault((run["server"], run["scenario"]), []).append(run)
    summary = []
    for (server, scenario), items in groups.items():
        qps = [r["qps"] for r in items]
        cpu_per_million = [r["server_cpu_seconds"] / r["completed"] * 1e6 for r in items if r["completed"]]
        summary.append({
            "server": server, "scenario": scenario, "rounds": len(items),
            "qps": {"median": statistics.median(qps), "min": min(qps), "max": max(qps)},
            "avg_latency_ms": statistics.median(r["avg_latency_s"] * 1000 for r in items),
            "latency_stddev_ms": statistics.median(r["stddev_latency_s"] * 1000 for r in items),
            "lost": sum(int(r["lost"]) for r in items),
            "sent": sum(int(r["sent"]) for r in items),
            "cpu_seconds_per_million": statistics.median(cpu_per_million) if cpu_per_million else None,
            "peak_rss_mib": max(r["peak_rss_kib"] for r in items) / 1024,
        })
    rows = [("server", "scenario", "queries/s median [min–max]", "avg ms", "stddev ms", "lost/sent",
             "CPU s/1M q", "peak RSS MiB")]
    for s in summary:
        q = s["qps"]
        rows.append((
            s["server"], s["scenario"],
            f"{q['median']:,.0f} [{q['min']:,.0f}–{q['max']:,.0f}]" if s["rounds"] > 1 else f"{q['median']:,.0f}",
            f"{s['avg_latency_ms']:.3f}",
            f"{s['latency_stddev_ms']:.3f}",
            f"{s['lost']}/{s['sent']}",
            "-" if s["cpu_seconds_per_million"] is None else f"{s['cpu_seconds_per_million']:.2f}",
            f"{s['peak_rss_mib']:.1f}",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print()
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for extra in extras:
        print(f"{extra['server']} {extra['scenario']} (round {extra['round']}): "
              + ", ".join(f"{k} {json.dumps(v)}" for k, v in extra["result"].items()))
    if meta.get("not_measured"):
        print("\nnot measured yet: " + "; ".join(meta["not_measured"]))
    Path(args.out).write_text(json.dumps({"meta": meta, "summary": summary, "runs": runs, "extras": extras},
                                         indent=2) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("generate")
    p.add_argument("dir")
    p.add_argument("--services", type=int, default=1000)
    p.add_argument("--clusters", type=int, default=4)
    p.add_argument("--endpoints", type=int, default=3)
    p.add_argument("--queries", type=int, default=200_000)
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("free-ports")
    p.add_argument("count", type=int)
    p.set_defaults(func=cmd_free_ports)
    p = sub.add_parser("wait-dns")
    p.add_argument("port", type=int)
    p.add_argument("name")
    p.add_argument("--timeout", type=float, default=60)
    p.set_defaults(func=cmd_wait_dns)
    p = sub.add_parser("push-snapshots")
    p.add_argument("dir")
    p.add_argument("api")
    p.set_defaults(func=cmd_push_snapshots)
    p = sub.add_parser("churn")
    p.add_argument("dir")
    p.add_argument("api")
    p.add_argument("--rate", type=float, default=100)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_churn)
    p = sub.add_parser("visible")
    p.add_argument("dir")
    p.add_argument("api")
    p.add_argument("dns_port", type=int)
    p.add_argument("--samples", type=int, default=200)
    p.add_argument("--max-seconds", type=float, default=60)
    p.set_defaults(func=cmd_visible)
    p = sub.add_parser("throughput")
    p.add_argument("dir")
    p.add_argument("api")
    p.add_argument("--count", type=int, default=4000)
    p.add_argument("--max-seconds", type=float, default=60)
    p.set_defaults(func=cmd_throughput)
    p = sub.add_parser("proc-stats")
    p.add_argument("pid", type=int)
    p.set_defaults(func=cmd_proc_stats)
    p = sub.add_parser("record")
    p.add_argument("results")
    for name in ("--server", "--scenario", "--dnsperf", "--before", "--after"):
        p.add_argument(name, required=True)
    p.add_argument("--round", type=int, required=True)
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("report")
    p.add_argument("results")
    p.add_argument("out")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
