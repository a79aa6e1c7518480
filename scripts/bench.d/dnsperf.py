"""dnsperf's output: the summary, and latency percentiles from its per-query lines (-v)."""

import json
import statistics
import sys
from pathlib import Path

from stats import percentile

SUMMARY = {"Queries sent:": "sent", "Queries completed:": "completed", "Queries lost:": "lost",
           "Queries per second:": "qps", "Average Latency (s):": "avg_latency_s",
           "Latency StdDev (s):": "stddev_latency_s", "Reconnections:": "reconnections"}
REQUIRED = {"sent", "completed", "lost", "qps", "avg_latency_s"}


def parse(path):
    """The summary figures, and avg/p50/p99/max latency (ms) over the answered queries' lines
    `> RCODE NAME TYPE SECONDS` (lost queries print `> T NAME TYPE`). Figures of the TCP
    connections section get the prefix `connection_`."""
    result, latencies, prefix_of_section = {}, [], ""
    with open(path) as lines:
        for line in lines:
            if line.startswith("> "):
                fields = line.split()
                if len(fields) == 5:
                    latencies.append(float(fields[4]) * 1000)
                continue
            text = line.strip()
            if text.startswith("Connection Statistics"):
                prefix_of_section = "connection_"
            for prefix, key in SUMMARY.items():
                if text.startswith(prefix):
                    result[prefix_of_section + key] = float(text[len(prefix):].split()[0])
    missing = REQUIRED - result.keys()
    if missing:
        sys.exit(f"record: {path}: dnsperf printed no {', '.join(sorted(missing))}")
    if latencies:
        result |= {"avg_ms": statistics.fmean(latencies), "p50_ms": percentile(latencies, 0.5),
                   "p99_ms": percentile(latencies, 0.99), "max_ms": max(latencies)}
    return result


def compact(path):
    """Drops the per-query lines from dnsperf's output, keeping its status and summary."""
    with open(path) as lines:
        kept = [line for line in lines if not line.startswith("> ")]
    Path(path).write_text("".join(kept))


def cmd_record(args):
    """Appends one dnsperf run, with the server's CPU time over the run, to RESULTS."""
    before, after = json.loads(args.before), json.loads(args.after)
    record = {"kind": "run", "server": args.server, "scenario": args.scenario, "round": args.round}
    record |= parse(args.dnsperf)
    record |= {"server_cpu_seconds": round(after["cpu_seconds"] - before["cpu_seconds"], 3),
               "rss_kib": after["rss_kib"], "peak_rss_kib": after["peak_rss_kib"]}
    compact(args.dnsperf)
    with open(args.results, "a") as out:
        out.write(json.dumps(record) + "\n")
