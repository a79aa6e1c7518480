"""Instructions per answered query from callgrind dumps of the query phase."""

import json
import sys
from pathlib import Path

import dnsperf


def instructions(dump):
    """The Ir total of one callgrind dump (its `summary:` line)."""
    for line in Path(dump).read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    sys.exit(f"callgrind: {dump} has no summary line")


def per_query(dnsperf_log, dumps):
    """Instructions of all the dumps over the queries dnsperf got answered."""
    run = dnsperf.parse(dnsperf_log)
    total = sum(instructions(dump) for dump in dumps)
    return {"instructions": total, "processes": len(dumps), "sent": int(run["sent"]),
            "answered": int(run["completed"]), "qps": round(run["qps"], 1),
            "per_query": round(total / run["completed"]) if run["completed"] else None}


def cmd_record_callgrind(args):
    """Appends the instructions a server executed in each of the two query passes (between
    callgrind's zeroing and its dumps) over the queries answered meanwhile, to RESULTS: the second
    pass as the figure, the first (cold caches) beside it."""
    if not args.pass_1_dumps or not args.pass_2_dumps:
        sys.exit(f"callgrind: no dump of {args.server}")
    result = per_query(args.pass_2_dnsperf, args.pass_2_dumps)
    result["first_pass"] = per_query(args.pass_1_dnsperf, args.pass_1_dumps)
    with open(args.results, "a") as out:
        out.write(json.dumps({"kind": "extra", "server": args.server, "scenario": "callgrind",
                              "round": 0, "result": result}) + "\n")
