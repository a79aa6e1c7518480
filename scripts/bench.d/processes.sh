# shellcheck shell=bash
# Starting, measuring and stopping the server under test; sourced by scripts/bench.
#
# Every server runs under `timeout` on $server_cpu, so it is bounded even if the benchmark is
# killed; server_pid is the `timeout` process, server_main the server itself (its child), whose
# process tree the /proc figures and the affinity check cover.

server_pid=""
server_main=""
server_name=""
server_round=0
server_started_ns=0
churn_pid=""
flood_pid=""
secondary_pid=""

cleanup() {
    local pid
    for pid in $churn_pid $flood_pid $secondary_pid $server_pid; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $churn_pid $flood_pid $secondary_pid $server_pid; do
        wait "$pid" 2>/dev/null || true
    done
}

# client LIMIT_SECONDS COMMAND...: runs a load generator or probe on the client CPU, bounded in time.
client() {
    local limit=$1
    shift
    timeout --kill-after=5 "$limit" taskset -c "$client_cpu" "$@"
}

# start_server NAME ROUND LIMIT_SECONDS COMMAND...: starts COMMAND on the server CPU, output to
# logs/NAME-ROUND.log.
start_server() {
    local limit=$3 tries
    server_name=$1 server_round=$2
    shift 3
    server_started_ns=$(date +%s%N)
    timeout --signal=TERM --kill-after=10 "$limit" taskset -c "$server_cpu" "$@" \
        >"$work/logs/$server_name-$server_round.log" 2>&1 &
    server_pid=$!
    server_main=""
    for ((tries = 0; tries < 200 && ${#server_main} == 0; tries++)); do
        server_main=$(pgrep -P "$server_pid" || true)
        [[ -n $server_main ]] || sleep 0.01
    done
    [[ -n $server_main ]] || { log "$server_name did not start"; exit 1; }
}

# stop_server: checks the affinity of every process and thread of the server (if it still runs),
# then stops it: SIGTERM, and SIGKILL to what is left after 15 s.
stop_server() {
    local waited=0
    if kill -0 "$server_main" 2>/dev/null; then
        extra "$server_name" affinity "$server_round" "$("${helper[@]}" affinity "$server_main" "$server_cpu")"
    fi
    kill -TERM "$server_pid" 2>/dev/null || true
    while kill -0 "$server_pid" 2>/dev/null && [[ $waited -lt 150 ]]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$server_pid" 2>/dev/null; then
        log "$server_name did not stop within 15 s; killing it"
        pkill -KILL -P "$server_main" 2>/dev/null || true
        kill -KILL "$server_main" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# try_answer NAME [address] [SECONDS]: waits until the server answers NAME (with an A record when
# asked for an address), at most SECONDS (default 60); prints {"ms": time since its start}. Then
# pins every thread of the server to the server CPU again: Knot pins its UDP workers itself, to
# CPU (worker number mod online CPUs), which would put one on the client CPU. Fails, after
# showing the server's log, when the server does not answer.
try_answer() {
    local limit=${3:-60} pid
    if ! client $((limit + 10)) "${helper[@]}" wait-dns "$dns_port" "$1" --timeout "$limit" \
        --since "$server_started_ns" --pid "$server_main" ${2:+--address}; then
        log "$server_name did not answer $1; its log:"
        grep -v '^==[0-9]*== *\(at\|by\) 0x' "$work/logs/$server_name-$server_round.log" | tail -n 20 >&2
        return 1
    fi
    for pid in $("${helper[@]}" tree "$server_main"); do
        taskset -a -c -p "$server_cpu" "$pid" >/dev/null
    done
}

# wait_answer NAME [address] [SECONDS]: try_answer, or the end of the benchmark.
wait_answer() {
    try_answer "$@" || exit 1
}

proc_stats() {
    "${helper[@]}" proc-stats "$server_main"
}

# extra SERVER SCENARIO ROUND JSON: a figure that is not a dnsperf run.
extra() {
    printf '{"kind": "extra", "server": "%s", "scenario": "%s", "round": %d, "result": %s}\n' \
        "$1" "$2" "$3" "$4" >>"$results"
}

# measure SCENARIO QUERY_FILE DNSPERF_OPTIONS...: one dnsperf run of $duration seconds against the
# running server, every query's latency printed (-v) for the percentiles.
measure() {
    local scenario=$1 queries=$2 before after output
    shift 2
    output="$work/logs/dnsperf-$server_name-${scenario//+/-}-$server_round.txt"
    before=$(proc_stats)
    client $((duration + 30)) dnsperf -s 127.0.0.1 -p "$dns_port" -d "$queries" -l "$duration" -v "$@" \
        >"$output" 2>&1
    after=$(proc_stats)
    "${helper[@]}" record "$results" --server "$server_name" --scenario "$scenario" --round "$server_round" \
        --dnsperf "$output" --before "$before" --after "$after"
    log "$server_name $scenario round $server_round: $(grep -m1 'Queries per second' "$output" | tr -s ' ')"
}

# measure_static: the static zone over UDP, over TCP and closed-loop.
measure_static() {
    measure static "$static_queries" "${udp_load[@]}"
    measure static-tcp "$static_queries" "${tcp_load[@]}"
    measure static-q1 "$static_queries" "${closed_loop[@]}"
}
