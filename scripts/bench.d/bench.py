#!/usr/bin/env python3
"""Helpers of scripts/bench: data set, pushes, push latency and throughput, /proc figures, report.

Python 3.11 standard library only. Every subcommand is bounded in time by its caller.

  generate DIR --services N --clusters M --endpoints K   zone file, snapshot bodies, query files
  free-ports COUNT                                        loopback ports free for UDP and TCP
  wait-dns PORT NAME [--address] [--since NS] [--pid P]   wait until PORT answers NAME; {"ms": ...}
  flood ZONE PORT --rate R                               random names under ZONE at R queries/s, unread
  push-snapshots DIR API                                  PUT every cluster's snapshot
  reapply DIR API DNSPORT                                 the last cluster's full snapshot again, timed
  churn DIR API --rate R --out FILE                       readiness flips at R deltas/s until killed
  visible DIR API DNSPORT --samples S                     push-to-visible latency (JSON on stdout)
  throughput DIR API --count C [--ca F --cert F --key F]  accepted deltas/s (JSON on stdout), over mutual TLS with F
  handshakes OUTPUT STARTED                               TLS handshakes/s from openssl s_time's OUTPUT since STARTED (ns)
  proc-stats PID                                          CPU seconds and memory of PID's process tree
  affinity PID CPUS                                       taskset -acp of PID's process tree
  tree PID [--exe PREFIX]                                 PID's process tree (executables named PREFIX*)
  record RESULTS --server S --scenario X --round R --dnsperf LOG --before J --after J
                                                          append one dnsperf run to RESULTS (JSON lines)
  record-callgrind RESULTS --server S --pass-N-dnsperf LOG --pass-N-dump FILE... (N = 1, 2)
                                                          append instructions per query to RESULTS
  report RESULTS.jsonl OUT.json                           the tables on stdout, the JSON result to OUT.json
"""

import argparse

import callgrind
import dataset
import dnsclient
import dnsperf
import procstats
import pushapi
import report
import transfer

INTEGER_ARGUMENTS = {"count", "port", "pid", "dns_port"}

def parser():
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)

    def command(name, func, *positional):
        p = sub.add_parser(name)
        for arg in positional:
            p.add_argument(arg, type=int if arg in INTEGER_ARGUMENTS else str)
        p.set_defaults(func=func)
        return p

    p = command("generate", dataset.cmd_generate, "dir")
    p.add_argument("--services", type=int, default=1000)
    p.add_argument("--clusters", type=int, default=4)
    p.add_argument("--endpoints", type=int, default=3)
    p.add_argument("--queries", type=int, default=200_000)
    command("free-ports", dnsclient.cmd_free_ports, "count")
    p = command("wait-dns", dnsclient.cmd_wait_dns, "port", "name")
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--address", action="store_true", help="wait for an answer with an A record")
    p.add_argument("--since", type=int, help="start of the timing, ns since the epoch")
    p.add_argument("--pid", type=int, help="give up when this process has ended")
    p = command("flood", dnsclient.cmd_flood, "zone", "port")
    p.add_argument("--rate", type=float, default=20000)
    p.add_argument("--max-seconds", type=float, default=600)
    command("push-snapshots", pushapi.cmd_push_snapshots, "dir", "api")
    command("reapply", pushapi.cmd_reapply, "dir", "api", "dns_port")
    p = command("churn", pushapi.cmd_churn, "dir", "api")
    p.add_argument("--rate", type=float, default=100)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--out", required=True)
    p = command("visible", pushapi.cmd_visible, "dir", "api", "dns_port")
    p.add_argument("--samples", type=int, default=200)
    p.add_argument("--max-seconds", type=float, default=60)
    p.add_argument("--pause", type=float, default=0.0, help="seconds between changes")
    p = command("throughput", pushapi.cmd_throughput, "dir", "api")
    p.add_argument("--count", type=int, default=4000)
    p.add_argument("--max-seconds", type=float, default=60)
    for name in ("--ca", "--cert", "--key"):
        p.add_argument(name, default="")
    p = command("axfr", transfer.cmd_axfr, "port", "zone")
    command("ixfr-readiness", transfer.cmd_ixfr_readiness, "dir", "api", "port")
    p = command("xfr-load", transfer.cmd_xfr_load, "port", "zone")
    p.add_argument("--interval", type=float, default=2.0)
    p.add_argument("--max-seconds", type=float, default=600)
    p = command("handshakes", pushapi.cmd_handshakes, "output")
    p.add_argument("started", type=int)
    command("proc-stats", procstats.cmd_proc_stats, "pid")
    command("affinity", procstats.cmd_affinity, "pid", "cpus")
    p = command("tree", procstats.cmd_tree, "pid")
    p.add_argument("--exe", default="")
    p = command("record", dnsperf.cmd_record, "results")
    for name in ("--server", "--scenario", "--dnsperf", "--before", "--after"):
        p.add_argument(name, required=True)
    p.add_argument("--round", type=int, required=True)
    p = command("record-callgrind", callgrind.cmd_record_callgrind, "results")
    p.add_argument("--server", required=True)
    for n in (1, 2):
        p.add_argument(f"--pass-{n}-dnsperf", required=True)
        p.add_argument(f"--pass-{n}-dump", action="append", default=[], dest=f"pass_{n}_dumps")
    command("report", report.cmd_report, "results", "out")
    return top


def main():
    args = parser().parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
