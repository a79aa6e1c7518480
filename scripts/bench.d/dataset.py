"""The benchmark's data set: names, addresses, the static zone, agent snapshots and query files."""

import json
import random
import sys
from pathlib import Path

NAMESPACE = "default"
STATIC_ZONE = "bench.test"
MCS_SUFFIX = "default.svc.clusterset.local"
GLOBAL_DOMAIN = "acme.local"
PORT_NAME = "http"
SERVICE_PORT = 80
MAX_ENDPOINTS = 16


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
    """Endpoint k of service s in cluster c: 10.(128+c*8+n/65536).x.y with n = s*16+k."""
    n = s * MAX_ENDPOINTS + k
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


def snapshot_body(data, c, generation, services):
    """Cluster c's full snapshot at a generation, exporting services 0..services-1."""
    return {
        "generation": generation,
        "cluster": {"region": f"region-{c % 2}"},
        "exports": [export_body(c, s, data["endpoints"]) for s in range(services)],
    }


def query_file(path, services, suffixes, count, rng):
    """Mostly A, some AAAA and SRV, about 5% NXDOMAIN, every name in random case."""
    with open(path, "w") as out:
        for _ in range(count):
            suffix = rng.choice(suffixes)
            name = service_name(rng.randrange(services))
            roll = rng.random()
            if roll < 0.05:
                qname, qtype = f"nx-{rng.randrange(1_000_000)}.{suffix}", "A"
            elif roll < 0.75:
                qname, qtype = f"{name}.{suffix}", "A"
            elif roll < 0.90:
                qname, qtype = f"{name}.{suffix}", "AAAA"
            else:
                qname, qtype = f"_{PORT_NAME}._tcp.{name}.{suffix}", "SRV"
            out.write(f"{mixed_case(qname, rng)} {qtype}\n")


def load(directory):
    """The data set's shape, as `generate` wrote it."""
    return json.loads((Path(directory) / "dataset.json").read_text())


def cmd_generate(args):
    if args.endpoints > MAX_ENDPOINTS:
        sys.exit(f"generate: at most {MAX_ENDPOINTS} endpoints per service")
    out = Path(args.dir)
    (out / "snapshots").mkdir(parents=True, exist_ok=True)
    (out / "queries").mkdir(exist_ok=True)
    (out / f"{STATIC_ZONE}.zone").write_text(static_zone(args.services, args.clusters))
    shape = {"services": args.services, "clusters": args.clusters, "endpoints": args.endpoints,
             "queries": args.queries}
    for c in range(args.clusters):
        body = snapshot_body(shape, c, 1, args.services)
        (out / "snapshots" / f"{cluster_id(c)}.json").write_text(json.dumps(body))
    rng = random.Random(1645)
    query_file(out / "queries" / "static.txt", args.services, [STATIC_ZONE], args.queries, rng)
    query_file(out / "queries" / "dynamic.txt", args.services, [MCS_SUFFIX, GLOBAL_DOMAIN], args.queries, rng)
    (out / "dataset.json").write_text(json.dumps(shape))
