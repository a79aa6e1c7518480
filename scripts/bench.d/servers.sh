# shellcheck shell=bash
# The servers under test, their configurations and their runs; sourced by scripts/bench.

# gnsd_config DATA_DIR [RATE_LIMIT [CLUSTER_NETWORK]]: gnsd serving the bench.test zone and the
# dynamic names, on $dns_port, with one UDP worker for its one CPU. RATE_LIMIT is the
# dns.rate-limit value (default: gnsd's); CLUSTER_NETWORK is cluster-0's network (default
# 127.0.0.0/8, which places the querier in cluster-0 and exempts it from rate limiting). With
# $gnsd_tls set, the push API serves mutual TLS and DNS over TLS listens on $dot_port, with the
# certificates in $work/tls (scripts/dev-certs: the admin's names spiffe://gnsd/admin).
gnsd_config() {
    local dot_tls="" api_tls="" transfer=""
    if [[ -n $gnsd_xfr ]]; then
        transfer="transfer:
  keys: [{name: bench, secret: \"$transfer_secret\"}]
  allow: [{networks: [127.0.0.0/8]}]
  notify: [{address: \"127.0.0.1:$secondary_port\", key: bench}]"
    fi
    if [[ -n $gnsd_tls ]]; then
        dot_tls="  tls: {listen: [\"127.0.0.1:$dot_port\"]}"
        api_tls="  tls: {certificate: $work/tls/server.crt, key: $work/tls/server.key, client-ca: $work/tls/ca.crt, admin-identities: [\"spiffe://gnsd/admin\"]}"
    fi
    cat <<EOF
dns:
  listen: ["127.0.0.1:$dns_port"]
  udp-workers: 1
${2:+  rate-limit: $2}
$dot_tls
api:
  listen: 127.0.0.1:$api_port
$api_tls
data:
  directory: $1
zones:
  directory: $work/gnsd-zones
  reload-interval: 0
log:
  level: warning
leases:
  duration: 3600
answers:
  policy: local-first
clusters:
  - id: cluster-0
    networks: ["${3:-127.0.0.0/8}"]
global-namespaces:
  - name: acme
    domain: acme.local
    members:
      - clusters: "*"
        namespace: default
$transfer
EOF
}

# knot_secondary_config DIR: Knot as a secondary of gnsd for clusterset.local on
# $secondary_port, with the TSIG key gnsd NOTIFYs with (as deploy/secondaries/knot.conf).
knot_secondary_config() {
    local dir=$1
    rm -rf "$dir"
    mkdir -p "$dir/db"
    cat >"$dir/knot.conf" <<EOF
server:
    rundir: "$dir"
    listen: 127.0.0.1@$secondary_port
database:
    storage: "$dir/db"
template:
  - id: default
    storage: "$dir/db"
    zonefile-sync: -1
    semantic-checks: off
key:
  - id: bench
    algorithm: hmac-sha256
    secret: $transfer_secret
remote:
  - id: gnsd
    address: 127.0.0.1@$dns_port
    key: bench
acl:
  - id: notify-from-gnsd
    key: bench
    action: notify
zone:
  - domain: clusterset.local
    master: gnsd
    acl: notify-from-gnsd
log:
  - target: stderr
    any: info
EOF
}

# knot_config DIR WORKERS_LINES: Knot serving bench.test; WORKERS_LINES set the worker counts.
knot_config() {
    local dir=$1
    rm -rf "$dir"
    mkdir -p "$dir/db"
    cat >"$dir/knot.conf" <<EOF
server:
    rundir: "$dir"
    listen: 127.0.0.1@$dns_port
$2
database:
    storage: "$dir/db"
template:
  - id: default
    storage: "$dir/db"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
    semantic-checks: off
zone:
  - domain: bench.test
    file: "$work/data/bench.test.zone"
log:
  - target: stderr
    any: warning
EOF
}

knot_one_worker="    udp-workers: 1
    tcp-workers: 1
    background-workers: 1"

# nsd_config DIR: NSD serving bench.test with one server process, response-rate limiting off.
nsd_config() {
    local dir=$1
    rm -rf "$dir"
    mkdir -p "$dir"
    cat >"$dir/nsd.conf" <<EOF
server:
    server-count: 1
    ip-address: 127.0.0.1
    port: $dns_port
    username: ""
    chroot: ""
    zonesdir: "$dir"
    database: ""
    zonelistfile: "$dir/zone.list"
    xfrdfile: "$dir/xfrd.state"
    xfrdir: "$dir"
    pidfile: "$dir/nsd.pid"
    verbosity: 0
    rrl-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: bench.test
    zonefile: "$work/data/bench.test.zone"
EOF
}

# start_gnsd NAME ROUND DATA_DIR COMMAND...: gnsd with its zones and a data folder; COMMAND runs
# the gnsd binary (directly, or under valgrind). $gnsd_config_extra holds further arguments of
# gnsd_config (rate limiting, cluster network).
gnsd_config_extra=()
start_gnsd() {
    local name=$1 round=$2 data=$3
    shift 3
    mkdir -p "$work/gnsd-zones"
    cp "$work/data/bench.test.zone" "$repo/zones/clusterset.local.zone" "$repo/zones/acme.local.zone" \
        "$work/gnsd-zones/"
    gnsd_config "$data" "${gnsd_config_extra[@]}" >"$work/$name-$round.yaml"
    start_server "$name" "$round" $((duration * 12 + 900)) "$@" serve --config "$work/$name-$round.yaml"
}

wait_api() {
    timeout 60 bash -c "until curl -fs http://127.0.0.1:$api_port/readyz >/dev/null; do sleep 0.02; done" ||
        { log "gnsd's API did not get ready"; exit 1; }
}

# gnsd_push_figures ROUND: while dynamic names are queried at full load, readiness deltas at
# $churn_rate/s; then push-to-visible latency and push API throughput.
gnsd_push_figures() {
    local round=$1 churn_out="$work/logs/churn-$1.json"
    # Not through client(): churn_pid must be the timeout process itself, not a subshell.
    timeout --kill-after=5 $((duration + 60)) taskset -c "$client_cpu" "${helper[@]}" churn "$work/data" \
        "127.0.0.1:$api_port" --rate "$churn_rate" --max-seconds $((duration + 30)) --out "$churn_out" &
    churn_pid=$!
    measure dynamic+push "$dynamic_queries" "${udp_load[@]}"
    kill -TERM "$churn_pid"
    # timeout exits 143 after passing the TERM on, however cleanly the pusher stopped; its result
    # file tells whether it did.
    wait "$churn_pid" || true
    churn_pid=""
    [[ -s $churn_out ]] || { log "the churn pusher left no result in $churn_out"; exit 1; }
    extra gnsd push-during-dynamic "$round" "$(cat "$churn_out")"
    extra gnsd push-to-visible "$round" "$(client 120 "${helper[@]}" visible "$work/data" "127.0.0.1:$api_port" \
        "$dns_port" --samples "$visible_samples" --max-seconds 60)"
    extra gnsd push-throughput "$round" "$(client 120 "${helper[@]}" throughput "$work/data" \
        "127.0.0.1:$api_port" --count 4000 --max-seconds 60)"
}

# run_gnsd ROUND: start-up with an empty data folder, every cluster's snapshot, the full snapshot
# of one cluster again, the DNS runs, the push figures; then start-up with the stored state.
run_gnsd() {
    local round=$1 data="$work/gnsd-data-$1"
    start_gnsd gnsd "$round" "$data" "$gnsd"
    extra gnsd start-up "$round" "$(wait_answer "ns1.$static_zone")"
    wait_api
    extra gnsd snapshot-apply "$round" "$(client 300 "${helper[@]}" push-snapshots "$work/data" "127.0.0.1:$api_port")"
    extra gnsd memory "$round" "$(proc_stats)"
    extra gnsd snapshot-reapply "$round" "$(client 120 "${helper[@]}" reapply "$work/data" "127.0.0.1:$api_port" "$dns_port")"

    measure_static
    measure dynamic "$dynamic_queries" "${udp_load[@]}"
    measure dynamic-q1 "$dynamic_queries" "${closed_loop[@]}"
    measure_during_flood "$round"
    gnsd_push_figures "$round"
    stop_server
    run_gnsd_rate_limiting "$round"

    start_gnsd gnsd "$round" "$data" "$gnsd"
    extra gnsd start-up-with-state "$round" "$(wait_answer "svc-00000.default.svc.clusterset.local" address)"
    extra gnsd memory-with-state "$round" "$(proc_stats)"
    stop_server
}

# measure_during_flood ROUND: the dynamic names at full load while $flood_rate random names a
# second under acme.local (each asked once: a random-subdomain flood) go to the server from a
# sender that never reads the answers (bench.py flood says why not dnsperf).
measure_during_flood() {
    timeout --kill-after=5 $((duration + 40)) taskset -c "$client_cpu" "${helper[@]}" flood acme.local "$dns_port" \
        --rate "$flood_rate" --max-seconds $((duration + 30)) >"$work/logs/flood-$1.json" 2>"$work/logs/flood-$1.log" &
    flood_pid=$!
    sleep 1
    measure dynamic+flood "$dynamic_queries" "${udp_load[@]}"
    kill -TERM "$flood_pid" 2>/dev/null || true
    wait "$flood_pid" || true
    flood_pid=""
    [[ -s $work/logs/flood-$1.json ]] || { log "the flood sender left no result; see $work/logs/flood-$1.log"; exit 1; }
    extra gnsd flood "$1" "$(cat "$work/logs/flood-$1.json")"
}

# use_rate_limiting NAME: gnsd_config_extra for gnsd-rrl-off (response rate limiting off) or
# gnsd-rrl-on (on, at rates no query reaches); nothing exempt and cluster-0's network moved off
# loopback, so the querier is not exempt and every response goes through the buckets.
use_rate_limiting() {
    if [[ $1 == gnsd-rrl-off ]]; then
        gnsd_config_extra=(null 10.255.0.0/16)
    else
        gnsd_config_extra=("{responses-per-second: 1000000, nxdomains-per-second: 1000000, errors-per-second: 1000000, exempt: []}" 10.255.0.0/16)
    fi
}

# run_gnsd_tls ROUND: gnsd with its push API over mutual TLS and DNS over TLS, on the state the
# round's gnsd stored: the static zone over TCP and over DoT (4 connections each, kept for the
# whole run), push API deltas/s over HTTPS as the admin, and full TLS handshakes a second on the
# API with a client certificate (openssl s_time -new, one connection at a time).
run_gnsd_tls() {
    local round=$1 output="$work/logs/s_time-$1.txt" started
    local client_tls=(--ca "$work/tls/ca.crt" --cert "$work/tls/admin.crt" --key "$work/tls/admin.key")
    gnsd_tls=1
    start_gnsd gnsd-tls "$round" "$work/gnsd-data-$round" "$gnsd"
    extra gnsd-tls start-up "$round" "$(wait_answer "ns1.$static_zone")"
    timeout 60 bash -c "until curl -fs --cacert $work/tls/ca.crt --cert $work/tls/admin.crt --key $work/tls/admin.key \
        https://127.0.0.1:$api_port/readyz >/dev/null; do sleep 0.02; done" || { log "gnsd-tls's API did not get ready"; exit 1; }
    measure static-tcp "$static_queries" "${tcp_load[@]}"
    measure static-dot "$static_queries" "${dot_load[@]}"
    extra gnsd-tls push-throughput "$round" "$(client 120 "${helper[@]}" throughput "$work/data" \
        "127.0.0.1:$api_port" --count 4000 --max-seconds 60 "${client_tls[@]}")"
    started=$(date +%s%N)
    client $((duration + 30)) openssl s_time -connect "127.0.0.1:$api_port" -new -time "$duration" \
        -CAfile "$work/tls/ca.crt" -cert "$work/tls/admin.crt" -key "$work/tls/admin.key" >"$output" 2>&1
    extra gnsd-tls api-handshakes "$round" "$("${helper[@]}" handshakes "$output" "$started")"
    stop_server
    gnsd_tls=""
}

# run_gnsd_rate_limiting ROUND: the static runs in gnsd-rrl-off and gnsd-rrl-on.
run_gnsd_rate_limiting() {
    local round=$1 name
    for name in gnsd-rrl-off gnsd-rrl-on; do
        use_rate_limiting "$name"
        start_gnsd "$name" "$round" "$work/$name-data-$round" "$gnsd"
        extra "$name" start-up "$round" "$(wait_answer "ns1.$static_zone")"
        measure static "$static_queries" "${udp_load[@]}"
        stop_server
    done
    gnsd_config_extra=()
}

# run_zone_server NAME ROUND COMMAND...: Knot or NSD: start-up, memory after loading the zone,
# the static runs.
run_zone_server() {
    local name=$1 round=$2
    shift 2
    start_server "$name" "$round" $((duration * 4 + 120)) "$@"
    extra "$name" start-up "$round" "$(wait_answer "ns1.$static_zone")"
    extra "$name" memory "$round" "$(proc_stats)"
    measure_static
    stop_server
}

run_knot() {
    local name=$1 workers=$2 round=$3
    knot_config "$work/$name" "$workers"
    run_zone_server "$name" "$round" knotd -c "$work/$name/knot.conf"
}

run_nsd() {
    nsd_config "$work/nsd"
    run_zone_server nsd "$1" nsd -d -c "$work/nsd/nsd.conf"
}

# run_gnsd_xfr ROUND: gnsd as a primary (transfers allowed from loopback, NOTIFY to a Knot
# secondary on the client CPU) after every cluster's snapshot: the full transfer of
# clusterset.local (the first builds the zone), the secondary's first transfer, the IXFR of one
# readiness change, push to first answer at the secondary (changes 1.1 s apart: NOTIFYs are
# coalesced per second), and the dynamic names without and with transfers going on (readiness
# deltas at 10/s followed by NOTIFY and IXFR, and a full transfer every 2 s).
run_gnsd_xfr() {
    local round=$1 secondary_log="$work/logs/knot-secondary-$1.log" started
    gnsd_xfr=1
    start_gnsd gnsd-xfr "$round" "$work/gnsd-xfr-data-$round" "$gnsd"
    extra gnsd-xfr start-up "$round" "$(wait_answer "ns1.$static_zone")"
    wait_api
    client 300 "${helper[@]}" push-snapshots "$work/data" "127.0.0.1:$api_port" >/dev/null
    extra gnsd-xfr axfr "$round" "$(client 120 "${helper[@]}" axfr "$dns_port" clusterset.local)"
    knot_secondary_config "$work/knot-secondary"
    started=$(date +%s%N)
    timeout --kill-after=5 $((duration * 4 + 600)) taskset -c "$client_cpu" knotd -c "$work/knot-secondary/knot.conf" \
        >"$secondary_log" 2>&1 &
    secondary_pid=$!
    timeout 120 bash -c "until [[ \$(dig +short +norec @127.0.0.1 -p $secondary_port clusterset.local SOA | cut -d' ' -f3) == \
        \$(dig +short @127.0.0.1 -p $dns_port clusterset.local SOA | cut -d' ' -f3) ]]; do sleep 0.05; done" ||
        { log "the Knot secondary did not get clusterset.local; see $secondary_log"; exit 1; }
    extra gnsd-xfr secondary-first-transfer "$round" "{\"ms\": $((($(date +%s%N) - started) / 1000000))}"
    extra gnsd-xfr ixfr-readiness "$round" "$(client 60 "${helper[@]}" ixfr-readiness "$work/data" "127.0.0.1:$api_port" "$dns_port")"
    extra gnsd-xfr secondary-visible "$round" "$(client 300 "${helper[@]}" visible "$work/data" "127.0.0.1:$api_port" \
        "$secondary_port" --samples "$secondary_samples" --pause 1.1 --max-seconds 240)"
    measure dynamic "$dynamic_queries" "${udp_load[@]}"
    timeout --kill-after=5 $((duration + 60)) taskset -c "$client_cpu" "${helper[@]}" churn "$work/data" \
        "127.0.0.1:$api_port" --rate 10 --max-seconds $((duration + 30)) --out "$work/logs/xfr-churn-$round.json" &
    churn_pid=$!
    timeout --kill-after=5 $((duration + 60)) taskset -c "$client_cpu" "${helper[@]}" xfr-load "$dns_port" clusterset.local \
        --interval 2 --max-seconds $((duration + 30)) >"$work/logs/xfr-load-$round.json" &
    flood_pid=$!
    measure dynamic+xfr "$dynamic_queries" "${udp_load[@]}"
    kill -TERM "$churn_pid" "$flood_pid" 2>/dev/null || true
    wait "$churn_pid" "$flood_pid" || true
    churn_pid="" flood_pid=""
    extra gnsd-xfr xfr-load "$round" "$(cat "$work/logs/xfr-load-$round.json")"
    kill -TERM "$secondary_pid" 2>/dev/null || true
    wait "$secondary_pid" || true
    secondary_pid=""
    stop_server
    gnsd_xfr=""
}

