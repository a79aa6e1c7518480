"""Figures of a running server's process tree from /proc, and its CPU affinity from taskset."""

import json
import os
import subprocess
from pathlib import Path


def process_tree(root):
    """root and all its descendants, root first."""
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


def status_kib(status, field):
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cmd_proc_stats(args):
    """utime+stime of every process in the tree (seconds), the largest VmRSS and VmHWM and the
    summed Pss (KiB): shared pages of forked servers are counted once in Pss."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu, rss, hwm, pss = 0, 0, 0, 0
    for pid in process_tree(args.pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        cpu += int(fields[11]) + int(fields[12])
        rss = max(rss, status_kib(status, "VmRSS"))
        hwm = max(hwm, status_kib(status, "VmHWM"))
        pss += status_kib(rollup, "Pss")
    print(json.dumps({"cpu_seconds": cpu / ticks, "rss_kib": rss, "peak_rss_kib": hwm, "pss_kib": pss}))


def cmd_affinity(args):
    """`taskset -acp` on every process of the tree: each thread's CPU list, and whether all
    equal the expected list."""
    processes = []
    for pid in process_tree(args.pid):
        try:
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
            output = subprocess.run(["taskset", "-acp", str(pid)], capture_output=True, text=True,
                                    timeout=10, check=True).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        cpus = sorted({line.rsplit(":", 1)[1].strip() for line in output.splitlines() if ":" in line})
        processes.append({"pid": pid, "comm": comm, "threads": len(output.splitlines()), "cpus": cpus})
    print(json.dumps({"expected": args.cpus, "processes": processes,
                      "pinned": bool(processes) and all(p["cpus"] == [args.cpus] for p in processes)}))


def cmd_tree(args):
    """The pids of PID's process tree whose executable's name starts with --exe (all without it)."""
    pids = []
    for pid in process_tree(args.pid):
        try:
            executable = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
        except OSError:
            continue
        if executable.startswith(args.exe):
            pids.append(str(pid))
    print(" ".join(pids))
