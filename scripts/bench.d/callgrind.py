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


def cmd_record_callgrind(args):
    """Appends the instructions all of a server's processes executed between callgrind's zeroing
    and its dump, over the queries answered meanwhile, to RESULTS."""
    if not args.dumps:
        sys.exit(f"callgrind: no dump of {args.server}")
    run = dnsperf.parse(args.dnsperf)
    total = sum(instructions(dump) for dump in args.dumps)
    result = {"instructions": total, "processes": len(args.dumps), "sent": int(run["sent"]),
              "answered": int(run["completed"]), "qps": round(run["qps"], 1),
              "per_query": round(total / run["completed"]) if run["completed"] else None}
    with open(args.results, "a") as out:
        out.write(json.dumps({"kind": "extra", "server": args.server, "scenario": "callgrind",
                              "round": 0, "result": result}) + "\n")
