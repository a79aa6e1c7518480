# shellcheck shell=bash
# Instructions per answered query under callgrind; sourced by scripts/bench.
#
# Each server runs as a copy of its binary stripped of debug information (the same treatment for
# all), with one worker, on the server CPU. Once it answers, callgrind's counters are zeroed
# (callgrind_control -z) and a fixed set of static queries is sent at a fixed rate twice, the
# counters dumped (callgrind_control -d) after each pass: only the query phases count. The second
# pass, with caches as warm as in the longer runs, makes the figure; the first is reported too. Instructions are user
# space only; callgrind does not see the kernel. NSD is left out: it answers from forked processes,
# which callgrind_control cannot reach (valgrind's gdbserver serves only the first process).

callgrind_rate=2000
callgrind_queries=4000
callgrind_start_limit=300

# stripped BINARY: a copy of BINARY without debug information; prints its path.
stripped() {
    local copy
    copy="$work/callgrind/bin/$(basename "$1")"
    strip --strip-debug -o "$copy" "$1"
    echo "$copy"
}

# callgrind_send QUERY_FILE OUTPUT: the file's queries once, at the fixed rate.
callgrind_send() {
    client 150 dnsperf -s 127.0.0.1 -p "$dns_port" -d "$1" -n 1 -l 120 -Q "$callgrind_rate" -c 1 \
        -q "$outstanding" >"$2" 2>&1
}

# count_instructions NAME: zeroing, first pass (caches cold), dump, second pass (caches warm as in
# the longer runs), dump; then stops the server. A dump zeroes the counters too. A server that does
# not come up under valgrind leaves its figure out of the result, not the run.
count_instructions() {
    local name=$1 dir="$work/callgrind" pass pid pids dumps=()
    if ! try_answer "ns1.$static_zone" "" "$callgrind_start_limit" >/dev/null; then
        log "instructions per query of $name not measured"
        stop_server
        return 0
    fi
    read -r -a pids < <("${helper[@]}" tree "$server_main" --exe callgrind)
    [[ ${#pids[@]} -gt 0 ]] || { log "no callgrind process under $server_name"; exit 1; }
    timeout 60 callgrind_control -z "${pids[@]}" >&2
    for pass in 1 2; do
        callgrind_send "$dir/queries.txt" "$work/logs/callgrind-$name-$pass.txt"
        timeout 60 callgrind_control -d "${pids[@]}" >&2
        for pid in "${pids[@]}"; do
            dumps+=("--pass-$pass-dump" "$dir/dumps/callgrind.$pid.$pass")
        done
    done
    "${helper[@]}" record-callgrind "$results" --server "$name" --pass-1-dnsperf "$work/logs/callgrind-$name-1.txt" \
        --pass-2-dnsperf "$work/logs/callgrind-$name-2.txt" "${dumps[@]}"
    log "$name under callgrind: $(tail -n1 "$results")"
    stop_server
}

run_callgrind() {
    local dir="$work/callgrind" limit=$((callgrind_start_limit + 300)) valgrind
    mkdir -p "$dir/bin" "$dir/dumps"
    tail -n "$callgrind_queries" "$static_queries" >"$dir/queries.txt"
    valgrind=(valgrind --tool=callgrind "--callgrind-out-file=$dir/dumps/callgrind.%p")

    start_gnsd callgrind-gnsd 0 "$dir/gnsd-data" "${valgrind[@]}" "$(stripped "$gnsd")"
    count_instructions gnsd

    # Rate limiting's own cost, which the timed gnsd-rrl-off/on runs measure within this
    # machine's round-to-round spread: the same two configurations, counted.
    for name in gnsd-rrl-off gnsd-rrl-on; do
        use_rate_limiting "$name"
        start_gnsd "callgrind-$name" 0 "$dir/$name-data" "${valgrind[@]}" "$(stripped "$gnsd")"
        count_instructions "$name"
    done
    gnsd_config_extra=()

    knot_config "$dir/knot" "$knot_one_worker"
    start_server callgrind-knot 0 "$limit" "${valgrind[@]}" "$(stripped "$(command -v knotd)")" -c "$dir/knot/knot.conf"
    count_instructions knot-1worker

}
