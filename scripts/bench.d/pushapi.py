"""gnsd's push API as the agents use it: snapshots, readiness deltas, push-to-visible, throughput."""

import http.client
import json
import random
import signal
import ssl
import sys
import threading
import time
from pathlib import Path

import dataset
from dataset import MCS_SUFFIX, NAMESPACE, cluster_id, endpoint_ipv4, service_ipv4, service_name
from dnsclient import Resolver
from stats import percentile

VISIBLE_LIMIT_SECONDS = 1.0


class API:
    """One keep-alive HTTP connection to gnsd's push API; HTTPS with mutual TLS when `tls` is
    (CA file, client certificate, client key)."""

    def __init__(self, address, tls=None):
        host, port = address.rsplit(":", 1)
        if tls is None:
            self.conn = http.client.HTTPConnection(host, int(port), timeout=30)
        else:
            context = ssl.create_default_context(cafile=tls[0])
            context.load_cert_chain(tls[1], tls[2])
            self.conn = http.client.HTTPSConnection(host, int(port), timeout=30, context=context)

    def call(self, method, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        return response.status, response.read()

    def put_snapshot(self, cluster, body):
        """PUTs a snapshot (bytes); exits on refusal; returns the seconds the request took."""
        started = time.perf_counter()
        status, data = self.call("PUT", f"/v1/clusters/{cluster}/snapshot", body)
        if status != 200:
            sys.exit(f"bench: snapshot of {cluster}: HTTP {status} {data[:300]!r}")
        return time.perf_counter() - started

    def generation(self, cluster):
        """The cluster's generation from the cluster listing, which is small whatever the exports."""
        status, data = self.call("GET", "/v1/clusters")
        if status != 200:
            sys.exit(f"bench: GET clusters: HTTP {status} {data[:200]!r}")
        listed = {entry["id"]: entry["generation"] for entry in json.loads(data)["clusters"]}
        if cluster not in listed:
            sys.exit(f"bench: cluster {cluster} is not listed")
        return listed[cluster]


class ClusterWriter:
    """Tracks one cluster's generation and sends readiness deltas against it."""

    def __init__(self, api, cluster):
        self.api, self.cluster, self.generation = api, cluster, api.generation(cluster)

    def readiness(self, changes, intended=False):
        """`intended` marks the delta's withdrawals as meant, so gnsd's withdrawal guard holds none."""
        body = {
            "baseGeneration": self.generation,
            "generation": self.generation + 1,
            "readiness": [
                {"namespace": NAMESPACE, "name": name, "address": address, "ready": ready}
                for name, address, ready in changes
            ],
        }
        if intended:
            body["intended"] = True
        status, data = self.api.call("PATCH", f"/v1/clusters/{self.cluster}/exports", body)
        if status == 200:
            self.generation = json.loads(data)["generation"]
        return status


def cmd_push_snapshots(args):
    """PUTs every cluster's snapshot from DIR/snapshots, one after the other."""
    api = API(args.api)
    timings = {path.stem: round(api.put_snapshot(path.stem, path.read_bytes()), 4)
               for path in sorted((Path(args.dir) / "snapshots").glob("*.json"))}
    print(json.dumps({"snapshot_seconds": timings}))


def cmd_reapply(args):
    """The last cluster's full snapshot again, at the next generation and with one more service:
    the PUT's latency and the time from the PUT's start until the new service answers."""
    data = dataset.load(args.dir)
    index, probe = data["clusters"] - 1, data["services"]
    cluster = cluster_id(index)
    api = API(args.api)
    resolver = Resolver(args.dns_port)
    qname, ip = f"{service_name(probe)}.{MCS_SUFFIX}", service_ipv4(index, probe)
    if resolver.wait_for_answer(qname, lambda ips: ip in ips, 0) is not None:
        sys.exit(f"reapply: {qname} already answers; the probe needs a fresh table")
    body = json.dumps(dataset.snapshot_body(data, index, api.generation(cluster) + 1, probe + 1)).encode()
    started = time.perf_counter()
    put_seconds = api.put_snapshot(cluster, body)
    waited = resolver.wait_for_answer(qname, lambda ips: ip in ips, VISIBLE_LIMIT_SECONDS)
    result = {"endpoints": (probe + 1) * data["endpoints"], "body_bytes": len(body),
              "put_ms": round(put_seconds * 1000, 3)}
    if waited is not None:
        result["visible_ms"] = round((time.perf_counter() - started) * 1000, 3)
    print(json.dumps(result))


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
    data = dataset.load(args.dir)
    index = data["clusters"] - 1
    writer = ClusterWriter(API(args.api), cluster_id(index))
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
    counts["accepted_per_second"] = round(counts["accepted"] / counts["seconds"], 1)
    Path(args.out).write_text(json.dumps(counts))


def cmd_visible(args):
    """Marks every endpoint of one service in the last cluster unready (then ready again) and polls
    DNS until the cluster's service IP leaves (joins) the answer; times from the accepted delta.
    DNS may be a secondary of gnsd; `pause` spaces the changes (NOTIFYs are coalesced). The deltas
    are intended, as an agent confirming a scale-down sends them: withdrawing all of a service's
    endpoints would otherwise be held by gnsd's withdrawal guard, which is policy, not speed."""
    data = dataset.load(args.dir)
    index = data["clusters"] - 1
    writer = ClusterWriter(API(args.api), cluster_id(index))
    resolver = Resolver(args.dns_port)
    rng = random.Random(11)
    samples, timeouts = [], 0
    deadline = time.monotonic() + args.max_seconds
    while len(samples) + timeouts < args.samples and time.monotonic() < deadline:
        s = rng.randrange(data["services"])
        qname, ip = f"{service_name(s)}.{MCS_SUFFIX}", service_ipv4(index, s)
        for ready in (False, True):
            changes = [(service_name(s), endpoint_ipv4(index, s, k), ready) for k in range(data["endpoints"])]
            status = writer.readiness(changes, intended=True)
            if status != 200:
                sys.exit(f"visible: delta refused with HTTP {status}")
            waited = resolver.wait_for_answer(qname, lambda ips: (ip in ips) == ready, VISIBLE_LIMIT_SECONDS)
            if waited is None:
                timeouts += 1
            else:
                samples.append(waited * 1000)
            time.sleep(args.pause)
    result = {"samples": len(samples), "not_visible_within_1s": timeouts}
    if samples:
        result |= {"p50_ms": round(percentile(samples, 0.5), 3), "p99_ms": round(percentile(samples, 0.99), 3),
                   "max_ms": round(max(samples), 3)}
    print(json.dumps(result))


def cmd_throughput(args):
    """One keep-alive connection per cluster, each sending readiness deltas back to back."""
    data = dataset.load(args.dir)
    per_cluster = max(1, args.count // data["clusters"])
    counts = {"accepted": 0, "refused": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + args.max_seconds

    tls = (args.ca, args.cert, args.key) if args.ca else None
    writers = [ClusterWriter(API(args.api, tls), cluster_id(c)) for c in range(data["clusters"])]

    def run(index):
        writer = writers[index]
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


def cmd_handshakes(args):
    """Full TLS handshakes per second: the count in `openssl s_time -new` output OUTPUT over the time
    since STARTED (ns since the epoch, taken by the caller when s_time began: s_time rounds its own
    wall time to whole seconds); JSON on stdout."""
    seconds = (time.time_ns() - args.started) / 1e9
    for line in Path(args.output).read_text().splitlines():
        # "886 connections in 4 real seconds, 0 bytes read per connection"
        if "real seconds" in line:
            count = int(line.split()[0])
            print(json.dumps({"handshakes": count, "seconds": round(seconds, 3), "per_second": round(count / seconds, 1)}))
            return
    sys.exit(f"bench: no connection count in {args.output}")
