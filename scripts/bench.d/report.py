"""The benchmark's report: summaries over the rounds, the bars of the issue, tables and JSON."""

import json
from pathlib import Path

from stats import spread

GNSD = "gnsd"
GNSD_TLS = "gnsd-tls"
GNSD_XFR = "gnsd-xfr"
KNOTS = ("knot-1worker", "knot-default")
OTHERS = KNOTS + ("nsd",)
LARGE_SERVICES = 10_000
MIB = 1024


def load(path):
    """meta, dnsperf runs and extra figures from the results (JSON lines)."""
    meta, runs, extras = {}, [], []
    for line in Path(path).read_text().splitlines():
        record = json.loads(line)
        kind = record.pop("kind")
        if kind == "meta":
            meta.update(record)
        else:
            (runs if kind == "run" else extras).append(record)
    return meta, runs, extras


def grouped(records, key):
    groups = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def figure(results, name, scale=1.0):
    """spread() of results[i][name] * scale over the results that have it."""
    return spread([r[name] * scale if r.get(name) is not None else None for r in results])


def summarize_runs(runs):
    summary = []
    for (server, scenario), items in grouped(runs, lambda r: (r["server"], r["scenario"])).items():
        summary.append({
            "server": server, "scenario": scenario, "rounds": len(items),
            "qps": figure(items, "qps"),
            "avg_ms": figure(items, "avg_latency_s", 1000),
            "p50_ms": figure(items, "p50_ms"),
            "p99_ms": figure(items, "p99_ms"),
            "max_ms": figure(items, "max_ms"),
            "lost": sum(int(r["lost"]) for r in items),
            "sent": sum(int(r["sent"]) for r in items),
            "cpu_seconds_per_million": spread([r["server_cpu_seconds"] / r["completed"] * 1e6
                                               for r in items if r["completed"]]),
            "peak_rss_mib": max(r["peak_rss_kib"] for r in items) / MIB,
            "tcp_reconnections": sum(int(r.get("connection_reconnections", 0)) for r in items),
        })
    return summary


def extra_results(extras, server, scenario):
    return [e["result"] for e in extras if e["server"] == server and e["scenario"] == scenario]


def summarize_servers(extras):
    """Start-up time and memory per server."""
    servers = []
    for server in grouped(extras, lambda e: e["server"]):
        memory = extra_results(extras, server, "memory")
        servers.append({
            "server": server,
            "startup_ms": figure(extra_results(extras, server, "start-up"), "ms"),
            "startup_with_state_ms": figure(extra_results(extras, server, "start-up-with-state"), "ms"),
            "rss_after_load_mib": figure(memory, "rss_kib", 1 / MIB),
            "pss_after_load_mib": figure(memory, "pss_kib", 1 / MIB),
            "peak_rss_after_load_mib": figure(memory, "peak_rss_kib", 1 / MIB),
            "rss_with_state_mib": figure(extra_results(extras, server, "memory-with-state"), "rss_kib", 1 / MIB),
        })
    return [s for s in servers if s["startup_ms"] is not None]


def summarize_push(extras):
    """gnsd's push figures over the rounds."""
    snapshots = extra_results(extras, GNSD, "snapshot-apply")
    visible = extra_results(extras, GNSD, "push-to-visible")
    reapply = extra_results(extras, GNSD, "snapshot-reapply")
    return {
        "first_snapshot_ms": spread([max(s["snapshot_seconds"].values()) * 1000 for s in snapshots]),
        "reapply_endpoints": max((r["endpoints"] for r in reapply), default=None),
        "reapply_put_ms": figure(reapply, "put_ms"),
        "reapply_visible_ms": figure(reapply, "visible_ms"),
        "reapply_not_visible_within_1s": sum(1 for r in reapply if "visible_ms" not in r),
        "visible_p50_ms": figure(visible, "p50_ms"),
        "visible_p99_ms": figure(visible, "p99_ms"),
        "visible_max_ms": figure(visible, "max_ms"),
        "not_visible_within_1s": sum(v["not_visible_within_1s"] for v in visible),
        "deltas_per_second": figure(extra_results(extras, GNSD, "push-throughput"), "accepted_per_second"),
        "deltas_per_second_during_dynamic": figure(extra_results(extras, GNSD, "push-during-dynamic"),
                                                   "accepted_per_second"),
        "deltas_per_second_https": figure(extra_results(extras, GNSD_TLS, "push-throughput"), "accepted_per_second"),
        "api_handshakes_per_second": figure(extra_results(extras, GNSD_TLS, "api-handshakes"), "per_second"),
    }


def summarize_transfer(extras):
    """gnsd-xfr's figures over the rounds: transfers and the Knot secondary."""
    axfr = extra_results(extras, GNSD_XFR, "axfr")
    ixfr = extra_results(extras, GNSD_XFR, "ixfr-readiness")
    visible = extra_results(extras, GNSD_XFR, "secondary-visible")
    return {
        "axfr_seconds": figure(axfr, "seconds"),
        "axfr_bytes": figure(axfr, "bytes"),
        "axfr_records": figure(axfr, "records"),
        "axfr_messages": figure(axfr, "messages"),
        "secondary_first_transfer_ms": figure(extra_results(extras, GNSD_XFR, "secondary-first-transfer"), "ms"),
        "ixfr_records": figure(ixfr, "records"),
        "ixfr_bytes": figure(ixfr, "bytes"),
        "secondary_visible_p50_ms": figure(visible, "p50_ms"),
        "secondary_visible_p99_ms": figure(visible, "p99_ms"),
        "secondary_not_visible_within_1s": sum(v["not_visible_within_1s"] for v in visible),
        "transfers_during_dynamic": figure(extra_results(extras, GNSD_XFR, "xfr-load"), "transfers"),
    }


def summarize_callgrind(extras):
    results = {e["server"]: e["result"] for e in extras if e["scenario"] == "callgrind"}
    knot = results.get(KNOTS[0], {}).get("per_query")
    return [r | {"server": server, "vs_knot": round(r["per_query"] / knot, 3) if knot and r["per_query"] else None}
            for server, r in results.items()]


def summarize_affinity(extras):
    summary = []
    for server, items in grouped([e for e in extras if e["scenario"] == "affinity"], lambda e: e["server"]).items():
        processes = [p for e in items for p in e["result"]["processes"]]
        summary.append({
            "server": server, "expected": items[0]["result"]["expected"], "checks": len(items),
            "processes": len(processes), "threads": sum(p["threads"] for p in processes),
            "cpus": sorted({cpu for p in processes for cpu in p["cpus"]}),
            "pinned": all(e["result"]["pinned"] for e in items),
        })
    return summary


# ---------------------------------------------------------------------------- bars

def bar(name, value, limit, higher_is_better, unit, reference=None, skip=None):
    """One bar: value against limit; with a reference (name, value), value/reference against limit."""
    result = {"bar": name, "value": value, "limit": limit, "unit": unit}
    if reference is not None:
        result |= {"reference": reference[0], "reference_value": reference[1]}
    if skip is not None:
        return result | {"result": f"not evaluated: {skip}"}
    if value is None or (reference is not None and not reference[1]):
        return result | {"result": "not measured"}
    compared = value / reference[1] if reference is not None else value
    passed = compared >= limit if higher_is_better else compared <= limit
    if reference is not None:
        result["ratio"] = round(compared, 3)
    return result | {"result": "pass" if passed else "fail"}


def median(figure_):
    return None if figure_ is None else figure_["median"]


def median_of(summary, server, scenario, field):
    for s in summary:
        if s["server"] == server and s["scenario"] == scenario and s[field] is not None:
            return s[field]["median"]
    return None


def evaluate_bars(meta, dns, push, servers, callgrind, transfer):
    static = median_of(dns, GNSD, "static", "qps")
    others = [(name, q) for name in OTHERS if (q := median_of(dns, name, "static", "qps")) is not None]
    best_other = max(others, key=lambda other: other[1], default=("Knot/NSD", None))
    knots = [(name, c) for name in KNOTS if (c := median_of(dns, name, "static", "cpu_seconds_per_million"))]
    best_knot_cpu = min(knots, key=lambda knot: knot[1], default=("Knot", None))
    per_query = {c["server"]: c["per_query"] for c in callgrind}
    gnsd_memory = next((s for s in servers if s["server"] == GNSD), {})
    small = None if meta.get("dataset", {}).get("services", 0) >= LARGE_SERVICES else "needs --large"
    gnsd_runs = [s for s in dns if s["server"] == GNSD]
    static_reference = (f"{GNSD} static", static)
    return [
        bar("static UDP qps >= 1.0 x best of Knot/NSD", static, 1.0, True, "q/s", best_other),
        bar("instructions/query <= 2 x Knot", per_query.get(GNSD), 2.0, False, "instructions",
            (KNOTS[0], per_query.get(KNOTS[0]))),
        bar("CPU s per 1M queries <= 1.5 x Knot", median_of(dns, GNSD, "static", "cpu_seconds_per_million"),
            1.5, False, "CPU s", best_knot_cpu),
        bar("dynamic qps >= 0.9 x gnsd static", median_of(dns, GNSD, "dynamic", "qps"), 0.9, True, "q/s",
            static_reference),
        bar("dynamic qps while 100 deltas/s >= 0.9 x gnsd static", median_of(dns, GNSD, "dynamic+push", "qps"),
            0.9, True, "q/s", static_reference),
        bar("large set RSS after loading <= 256 MiB", median(gnsd_memory.get("rss_after_load_mib")), 256, False,
            "MiB", skip=small),
        bar("50k-endpoint snapshot, PUT to visible <= 1 s", median(push["reapply_visible_ms"]), 1000, False, "ms",
            skip=small),
        bar("push-to-visible p99 <= 10 ms (large set)", median(push["visible_p99_ms"]), 10, False, "ms", skip=small),
        bar("dynamic qps during a random-name flood >= 0.8 x without", median_of(dns, GNSD, "dynamic+flood", "qps"), 0.8,
            True, "q/s", (f"{GNSD} dynamic", median_of(dns, GNSD, "dynamic", "qps"))),
        bar("static qps, rate limiting on but not limiting >= 0.95 x off", median_of(dns, "gnsd-rrl-on", "static", "qps"),
            0.95, True, "q/s", ("gnsd-rrl-off static", median_of(dns, "gnsd-rrl-off", "static", "qps"))),
        bar("push API >= 2,000 deltas/s over keep-alive (large set)", median(push["deltas_per_second"]), 2000, True,
            "deltas/s", skip=small),
        bar("DNS over TLS qps >= 0.8 x TCP (gnsd-tls)", median_of(dns, GNSD_TLS, "static-dot", "qps"), 0.8, True, "q/s",
            (f"{GNSD_TLS} static-tcp", median_of(dns, GNSD_TLS, "static-tcp", "qps"))),
        bar("push API deltas/s over mutual TLS >= 0.8 x plain HTTP", median(push["deltas_per_second_https"]), 0.8, True,
            "deltas/s", ("gnsd push API over HTTP", median(push["deltas_per_second"]))),
        bar("push to first answer at a Knot secondary, p99 <= 1 s (large set)", median(transfer["secondary_visible_p99_ms"]),
            1000, False, "ms", skip=small),
        bar("full transfer of clusterset.local <= 2 s (large set)", median(transfer["axfr_seconds"]), 2, False, "s",
            skip=small),
        bar("dynamic qps during transfers >= 0.9 x without (gnsd-xfr)", median_of(dns, GNSD_XFR, "dynamic+xfr", "qps"), 0.9,
            True, "q/s", (f"{GNSD_XFR} dynamic", median_of(dns, GNSD_XFR, "dynamic", "qps"))),
        bar("no lost queries (gnsd)", sum(s["lost"] for s in gnsd_runs) if gnsd_runs else None, 0, False,
            "queries"),
    ]


# ---------------------------------------------------------------------------- text

def number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def measured(value):
    """A figure with decimals only where they matter."""
    if isinstance(value, float) and value < 100:
        return number(value, 3)
    return number(value)


def median_text(figure_, digits=0, with_range=False):
    if figure_ is None:
        return "-"
    text = number(figure_["median"], digits)
    if with_range and figure_["min"] != figure_["max"]:
        text += f" [{number(figure_['min'], digits)}–{number(figure_['max'], digits)}]"
    return text


def print_table(title, header, rows):
    if not rows:
        return
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print(f"\n{title}\n")
    for i, row in enumerate([header] + rows):
        print("  ".join(str(cell).ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def print_report(result):
    s = result["summary"]
    print_table("DNS (median [min–max] over the rounds; latency in ms)",
                ("server", "scenario", "queries/s", "avg", "p50", "p99", "lost/sent", "CPU s/1M q", "peak RSS MiB"),
                [(d["server"], d["scenario"], median_text(d["qps"], 0, True), median_text(d["avg_ms"], 3),
                  median_text(d["p50_ms"], 3), median_text(d["p99_ms"], 3), f"{d['lost']}/{d['sent']}",
                  median_text(d["cpu_seconds_per_million"], 2), number(d["peak_rss_mib"], 1))
                 for d in s["dns"]])
    print_table("Start-up (process start to DNS answers) and memory after loading",
                ("server", "start-up ms", "with stored state ms", "RSS MiB", "PSS MiB", "peak RSS MiB"),
                [(m["server"], median_text(m["startup_ms"], 0, True), median_text(m["startup_with_state_ms"], 0, True),
                  median_text(m["rss_after_load_mib"], 1), median_text(m["pss_after_load_mib"], 1),
                  median_text(m["peak_rss_after_load_mib"], 1)) for m in s["servers"]])
    p = s["push"]
    print_table("gnsd push API", ("figure", "median [min–max]"), [
        ("first snapshot PUT of a cluster (slowest of the clusters), ms", median_text(p["first_snapshot_ms"], 1, True)),
        (f"full snapshot again ({number(p['reapply_endpoints'])} endpoints): PUT ms",
         median_text(p["reapply_put_ms"], 1, True)),
        ("full snapshot again: PUT start to visible in DNS, ms", median_text(p["reapply_visible_ms"], 1, True)),
        ("push-to-visible p50 / p99 / max, ms", " / ".join(median_text(p[k], 3) for k in
                                                        ("visible_p50_ms", "visible_p99_ms", "visible_max_ms"))),
        ("changes not visible within 1 s", str(p["not_visible_within_1s"] + p["reapply_not_visible_within_1s"])),
        ("push API, deltas/s over keep-alive", median_text(p["deltas_per_second"], 0, True)),
        ("deltas/s accepted during dynamic+push", median_text(p["deltas_per_second_during_dynamic"], 0, True)),
        ("push API, deltas/s over mutual TLS (keep-alive)", median_text(p["deltas_per_second_https"], 0, True)),
        ("push API, full TLS handshakes/s (mutual TLS, one at a time)", median_text(p["api_handshakes_per_second"], 0, True)),
    ])
    t = s["transfer"]
    print_table("gnsd as a primary (gnsd-xfr, Knot secondary)", ("figure", "median [min–max]"), [
        ("full transfer of clusterset.local (AXFR, first after a change), s", median_text(t["axfr_seconds"], 3, True)),
        ("  its size: bytes / records / messages", " / ".join(median_text(t[k]) for k in
                                                          ("axfr_bytes", "axfr_records", "axfr_messages"))),
        ("Knot secondary's first transfer (start to serial), ms", median_text(t["secondary_first_transfer_ms"], 0, True)),
        ("IXFR of one readiness change: records / bytes", f"{median_text(t['ixfr_records'])} / {median_text(t['ixfr_bytes'])}"),
        ("push to first answer at the secondary p50 / p99, ms", " / ".join(median_text(t[k], 1) for k in
                                                                        ("secondary_visible_p50_ms", "secondary_visible_p99_ms"))),
        ("changes not at the secondary within 1 s", str(t["secondary_not_visible_within_1s"])),
        ("full transfers during dynamic+xfr", median_text(t["transfers_during_dynamic"])),
    ])
    print_table("Instructions per answered query (callgrind, query phases only; second pass, caches warm)",
                ("server", "answered/sent", "instructions", "per query", "vs knot-1worker", "first pass per query"),
                [(c["server"], f"{c['answered']}/{c['sent']}", number(c["instructions"]), number(c["per_query"]),
                  number(c["vs_knot"], 2), number(c["first_pass"]["per_query"])) for c in s["callgrind"]])
    print_table("CPU affinity (taskset -acp on every server process, at the end of each run)",
                ("server", "checks", "processes", "threads", "CPUs", "pinned"),
                [(a["server"], a["checks"], a["processes"], a["threads"], ",".join(a["cpus"]),
                  "yes" if a["pinned"] else f"NO (expected {a['expected']})") for a in s["affinity"]])
    print_table("Bars (evaluated on this run's medians)", ("bar", "value", "reference", "ratio", "result"),
                [(b["bar"], f"{measured(b['value'])} {b['unit']}",
                  f"{b['reference']} {measured(b['reference_value'])}" if "reference" in b else "-",
                  number(b.get("ratio"), 3), b["result"]) for b in result["bars"]])


def cmd_report(args):
    meta, runs, extras = load(args.results)
    summary = {"dns": summarize_runs(runs), "servers": summarize_servers(extras), "push": summarize_push(extras),
               "callgrind": summarize_callgrind(extras), "affinity": summarize_affinity(extras),
               "transfer": summarize_transfer(extras)}
    result = {"meta": meta, "summary": summary,
              "bars": evaluate_bars(meta, summary["dns"], summary["push"], summary["servers"], summary["callgrind"],
                                    summary["transfer"]),
              "runs": runs, "extras": extras}
    print_report(result)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
