#!/usr/bin/env bash
# Benchmark: NODES (3) ledger nodes on one PostgreSQL database, on one machine, the load generator going round robin
# over them (bench/wrk-common.lua: each wrk thread is given one node's address; one thread per connection, so the
# connections spread evenly: 8 clients over 3 nodes are 3 + 3 + 2). In one run:
#   1. PostgreSQL alone (pgbench, the same clients): the raw insert limit and the floor with batched projections, as
#      in bench/run.sh;
#   2. the nodes: node 1 first (it runs the migrations), then the others; the same database, installation secrets
#      (key-encryption key, profile-link secret, the bench user) and erasure journal directory, each its own node id,
#      port and data directory (see docs/operations.md, "Several nodes");
#   3. grants flat out over all nodes: the aggregate grants/s, p50, p99, and the CPU each node and the machine used;
#      the check API (CHECK_CLIENTS clients, round robin) while grants run at CHECK_SHARE of that rate; the projection
#      lag (bench/lag-probe.py writes through one node and reads through the next) while grants run flat out;
#   4. with SINGLE=1 (default), the other nodes are stopped and node 1 alone gets the same grant load, for the
#      comparison in the same run and database;
# and adds one row per client count to the table in the section "Three nodes on one PostgreSQL" of
# docs/performance.md, with which node holds the projections' processors.
#
#   bench/multi-node.sh                        # 3 nodes, 8 clients, 30 s per measurement, 45 s warm-up
#   CLIENTS="8 16" bench/multi-node.sh
#   DURATION=5 WARMUP=5 CONTACTS=200 APPEND=0 bench/multi-node.sh        # does it work (no row)
#
# Environment (defaults in brackets):
#   NODES [3]             how many nodes; PORT [18101]: node i listens on PORT + i - 1
#   CLIENTS [8]           connections (each count >= NODES); a list ("8 16") measures each in turn, a row for each
#   DURATION [30] WARMUP [45] CHECK_WARMUP [10] CONTACTS [2000] CHECK_CLIENTS [8] CHECK_SHARE [0.5]: as in run.sh
#   LAG_DURATION [2 x DURATION] seconds of the lag measurement (longer than run.sh's: the projections' node is woken
#                         by its own commits, other nodes' events it may find only at its next poll of the store, so
#                         a sample can take longer)
#   DB [consent_bench_nodes] RAW_DB [consent_bench_nodes_raw]      databases, dropped and created anew
#   POOL_SIZE [10]        each node's database connections (CONSENT_DB_POOL_SIZE): NODES x POOL_SIZE must fit in
#                         PostgreSQL's max_connections (100 by default) with whatever else runs
#   SINGLE [1]            0: leave out the one-node comparison
#   PGUSER [postgres] JAVA_OPTS BENCH_NOTE OUT [bench/results/multi-node] RESULTS [docs/performance.md] APPEND [1]
#
# Needs what bench/run.sh needs (no peer).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

NODES=${NODES:-3}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-45}
LAG_DURATION=${LAG_DURATION:-$((2 * DURATION))}
CHECK_WARMUP=${CHECK_WARMUP:-10}
CONTACTS=${CONTACTS:-2000}
CHECK_CLIENTS=${CHECK_CLIENTS:-8}
CHECK_SHARE=${CHECK_SHARE:-0.5}
PORT=${PORT:-18101}
PGUSER=${PGUSER:-postgres}
DB=${DB:-consent_bench_nodes}
RAW_DB=${RAW_DB:-consent_bench_nodes_raw}
POOL_SIZE=${POOL_SIZE:-10}
SINGLE=${SINGLE:-1}
OUT=${OUT:-bench/results/multi-node}
RESULTS=${RESULTS:-docs/performance.md}
APPEND=${APPEND:-1}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=consent-app/target/consent-app.jar
AUTH="Basic $(printf 'bench:bench' | base64)"
SECTION="## Three nodes on one PostgreSQL"
mkdir -p "$OUT"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
command -v pgbench >/dev/null || die "pgbench is missing (postgresql-client)"
command -v python3 >/dev/null || die "python3 is missing (the lag probe)"
[[ $NODES =~ ^[0-9]+$ && $NODES -ge 1 ]] || die "NODES must be a number >= 1"
for c in $CLIENTS $CHECK_CLIENTS; do
  [[ $c =~ ^[0-9]+$ && $c -ge $NODES ]] || die "CLIENTS and CHECK_CLIENTS: each count must be a number >= NODES ($NODES), not '$c'"
done
[ "$APPEND" != 1 ] || grep -qxF "$SECTION" "$RESULTS" || die "$RESULTS has no section '$SECTION' to add the row to"
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
psql -h localhost -U "$PGUSER" -d postgres -qtAc 'SELECT 1' >/dev/null || die "PostgreSQL on localhost:5432 (user $PGUSER) does not answer"
URLS=() ADDRS=()
for i in $(seq 1 "$NODES"); do
  port=$((PORT + i - 1))
  curl -s -o /dev/null "http://localhost:$port" && die "port $port is taken: set PORT"
  URLS+=("http://localhost:$port") ADDRS+=("localhost:$port")
done
for db in "$DB" "$RAW_DB"; do
  psql -h localhost -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  psql -h localhost -U "$PGUSER" -d postgres -qc "CREATE DATABASE $db" >/dev/null
done
echo "logs and raw outputs: $OUT/"

declare -A RAW FLOOR RPS P50 P99 ERR CPU BUSY ONE CHECK CHECK_ERR LAG OWNERS

# ---- 1. PostgreSQL alone -----------------------------------------------------------------------------------------
for c in $CLIENTS; do
  psql -h localhost -U "$PGUSER" -d "$RAW_DB" -q -f bench/pg-tables.sql
  echo "== pgbench, $c clients, ${DURATION}s each: raw insert; the floor with batched projections"
  bench_run "$OUT/pgbench-raw-c$c.txt" \
    pgbench -h localhost -U "$PGUSER" -n -c "$c" -j 2 -T "$DURATION" -f bench/pg-insert.sql "$RAW_DB" \
    || die "pgbench failed; see $OUT/pgbench-raw-c$c.txt"
  RAW[$c]=$(pgbench_tps "$OUT/pgbench-raw-c$c.txt")
  bench_run "$OUT/pgbench-floor-c$c.txt" \
    pgbench -h localhost -U "$PGUSER" -n -c "$c" -j 2 -T "$DURATION" -D n=0 -f bench/pg-floor-batched.sql "$RAW_DB" \
    || die "pgbench failed; see $OUT/pgbench-floor-c$c.txt"
  FLOOR[$c]=$(pgbench_tps "$OUT/pgbench-floor-c$c.txt")
  echo "raw ${RAW[$c]} tps; floor with batched projections ${FLOOR[$c]} grants/s"
done

# ---- 2. The nodes ------------------------------------------------------------------------------------------------
# Secrets every node shares (docs/operations.md, "Several nodes"): made for this run only.
KEK=$(head -c 32 /dev/urandom | base64)
LINK_SECRET=$(head -c 32 /dev/urandom | base64)
rm -rf "$OUT/data"
mkdir -p "$OUT/data/erasure-journal"
PIDS=()
start_node() {
  local i=$1 port=$((PORT + $1 - 1))
  mkdir -p "$OUT/data/node-$i"
  # shellcheck disable=SC2086
  CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
  CONSENT_DB_POOL_SIZE=$POOL_SIZE CONSENT_PRIVACY_KEY_ENCRYPTION_KEY=$KEK CONSENT_PROFILE_SECRET=$LINK_SECRET \
  CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
  CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR \
    bench_spawn "$OUT/node-$i.log" java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres --server.port="$port" \
    --consent.node-id="node-$i" --consent.data-dir="$OUT/data/node-$i" \
    --consent.erasure.journal-dir="$OUT/data/erasure-journal"
  PIDS[$i]=$!
}
echo "== $NODES nodes on ports $PORT..$((PORT + NODES - 1)), database $DB (logs: $OUT/node-*.log)"
start_node 1
bench_wait_http "${URLS[0]}/actuator/health/readiness" "${PIDS[1]}" "$OUT/node-1.log"
for i in $(seq 2 "$NODES"); do start_node "$i"; done
for i in $(seq 1 "$NODES"); do
  bench_wait_http "${URLS[$((i - 1))]}/actuator/health/readiness" "${PIDS[$i]}" "$OUT/node-$i.log"
  curl -sf -o /dev/null "${URLS[$((i - 1))]}/actuator/health/readiness" || die "node $i is not ready; see $OUT/node-$i.log"
done

echo "registering $CONTACTS contacts"
register_contacts "${URLS[0]}" "$CONTACTS" bench:bench
python3 bench/lag-probe.py --nodes "${URLS[@]}" --contact probe-1 --register --seconds 0 >/dev/null \
  || die "registering the lag probe's contact failed"

NODE_LIST="${ADDRS[*]}"
# wrk over every node, one thread per connection; $1 output, $2 clients, $3 script, $4 duration, $5 rate (optional).
wrk_nodes() {
  BENCH_NODES=$NODE_LIST BENCH_RATE=${5:-} BENCH_THREADS=$2 BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH \
    bench_run "$1" wrk -t"$2" -c"$2" -d"$4s" --latency -s "$3" "${URLS[0]}" || die "wrk failed; see $1"
}
# The same in the background (its pid in $!, stopped on exit).
wrk_nodes_bg() {
  bench_spawn "$1" env BENCH_NODES="$NODE_LIST" BENCH_RATE="${5:-}" BENCH_THREADS="$2" BENCH_CONTACTS="$CONTACTS" \
    BENCH_AUTH="$AUTH" wrk -t"$2" -c"$2" -d"$4s" --latency -s "$3" "${URLS[0]}"
}
echo "warming up (${WARMUP} s of grants, ${CHECK_WARMUP} s of checks, over every node)"
wrk_nodes /dev/null "${CLIENTS%% *}" bench/grant.lua "$WARMUP"
wrk_nodes /dev/null "$CHECK_CLIENTS" bench/check.lua "$CHECK_WARMUP"

node_ticks() {
  local i
  for i in $(seq 1 "$NODES"); do printf '%s ' "$(proc_ticks "${PIDS[$i]}")"; done
}
for c in $CLIENTS; do
  echo "== $NODES nodes, $c clients, ${DURATION}s: grants flat out"
  read -r -a t0 <<<"$(node_ticks)"; read -r busy0 total0 < <(machine_ticks); start=$(date +%s.%N)
  wrk_nodes "$OUT/wrk-nodes-c$c.txt" "$c" bench/grant.lua "$DURATION"
  read -r -a t1 <<<"$(node_ticks)"; read -r busy1 total1 < <(machine_ticks); end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  wrk_figures "$OUT/wrk-nodes-c$c.txt"
  RPS[$c]=$WRK_RPS P50[$c]=$WRK_P50 P99[$c]=$WRK_P99 ERR[$c]=$((WRK_NON2XX + WRK_SOCKERR))
  cpu=""
  for i in $(seq 0 $((NODES - 1))); do cpu+="${cpu:+ + }$(cores $((t1[i] - t0[i])) "$elapsed")"; done
  CPU[$c]=$cpu
  BUSY[$c]=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", t ? n * b / t : 0 }')
  echo "all nodes: $WRK_RPS grants/s, p50 $WRK_P50, p99 $WRK_P99, non-2xx $WRK_NON2XX, socket errors $WRK_SOCKERR;" \
    "cores per node: ${CPU[$c]}; machine ${BUSY[$c]} of $(nproc) busy"

  rate=$(awk -v r="${RPS[$c]}" -v s="$CHECK_SHARE" 'BEGIN { printf "%d", r * s < 1 ? 1 : r * s }')
  echo "== the check API, $CHECK_CLIENTS clients, ${DURATION}s, while $c clients send grants at $rate/s"
  wrk_nodes_bg "$OUT/wrk-check-grants-c$c.txt" "$c" bench/grant.lua "$DURATION" "$rate"
  grant_wrk=$!
  wrk_nodes "$OUT/wrk-check-c$c.txt" "$CHECK_CLIENTS" bench/check.lua "$DURATION"
  bench_wait "$grant_wrk" || die "wrk failed; see $OUT/wrk-check-grants-c$c.txt"
  wrk_figures "$OUT/wrk-check-c$c.txt"
  CHECK[$c]="$WRK_RPS ($WRK_P50 / $WRK_P99)"
  CHECK_ERR[$c]=$((WRK_NON2XX + WRK_SOCKERR))
  wrk_figures "$OUT/wrk-check-grants-c$c.txt"
  CHECK[$c]+=" at $WRK_RPS grants/s"
  CHECK_ERR[$c]=$((${CHECK_ERR[$c]} + WRK_NON2XX + WRK_SOCKERR))
  echo "checks: ${CHECK[$c]}"

  echo "== projection lag, ${LAG_DURATION}s, while $c clients send grants flat out (written through one node, read through the next)"
  wrk_nodes_bg "$OUT/wrk-lag-grants-c$c.txt" "$c" bench/grant.lua "$LAG_DURATION"
  grant_wrk=$!
  bench_run "$OUT/lag-c$c.txt" python3 bench/lag-probe.py --nodes "${URLS[@]}" --contact probe-1 --seconds "$LAG_DURATION" \
    --samples-file "$OUT/lag-samples-c$c.txt" || die "the lag probe failed; see $OUT/lag-c$c.txt"
  bench_wait "$grant_wrk" || die "wrk failed; see $OUT/wrk-lag-grants-c$c.txt"
  wrk_figures "$OUT/wrk-lag-grants-c$c.txt"
  lag=$(grep '^samples=' "$OUT/lag-c$c.txt") || die "no figures from the lag probe; see $OUT/lag-c$c.txt"
  LAG[$c]="$(grep -oP 'p50_ms=\K\S+' <<<"$lag") / $(grep -oP 'p99_ms=\K\S+' <<<"$lag") ms (n=$(grep -oP 'samples=\K\S+' <<<"$lag")"
  timeouts=$(grep -oP 'timeouts=\K\S+' <<<"$lag")
  [ "$timeouts" != 0 ] && LAG[$c]+=", $timeouts timed out"
  LAG[$c]+=") at $WRK_RPS grants/s"
  echo "lag: $lag; grants meanwhile $WRK_RPS/s"
done

# Which node holds each tracking processor's segment (TokenEntry.owner is the node id).
OWNERS=$(psql -h localhost -U "$PGUSER" -d "$DB" -tAc \
  "SELECT string_agg(processorName || ' on ' || coalesce(owner, 'none'), ', ' ORDER BY processorName) FROM TokenEntry")
echo "processors: $OWNERS"

declare -A ALONE
if [ "$SINGLE" = 1 ] && [ "$NODES" -gt 1 ]; then
  for i in $(seq 2 "$NODES"); do bench_stop "${PIDS[$i]}"; done
  for c in $CLIENTS; do
    echo "== node 1 alone (the others stopped), $c clients, ${DURATION}s: grants flat out"
    BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run "$OUT/wrk-one-node-c$c.txt" \
      wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/grant.lua "${URLS[0]}" || die "wrk failed; see $OUT/wrk-one-node-c$c.txt"
    wrk_figures "$OUT/wrk-one-node-c$c.txt"
    ALONE[$c]="$WRK_RPS ($WRK_P50 / $WRK_P99)"
    echo "node 1 alone: ${ALONE[$c]}"
  done
fi
bench_cleanup

# ---- The rows ----------------------------------------------------------------------------------------------------
for c in $CLIENTS; do
  LINE="| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | $NODES | $c | $(printf '%.0f' "${RAW[$c]}")"
  LINE+=" | $(printf '%.0f' "${FLOOR[$c]}") | ${RPS[$c]} (${P50[$c]} / ${P99[$c]})"
  LINE+=" | $(ratio "$(awk -v a="${RPS[$c]}" 'BEGIN { print 100 * a }')" "${RAW[$c]}" '%.1f %%')"
  LINE+=" | ${ALONE[$c]:--} | ${CHECK[$c]} | ${LAG[$c]} | grants ${ERR[$c]}, check ${CHECK_ERR[$c]}"
  LINE+=" | nodes ${CPU[$c]} cores, machine ${BUSY[$c]} of $(nproc) | $OWNERS |${BENCH_NOTE:+ $BENCH_NOTE} |"
  echo "$LINE"
  if [ "$APPEND" = 1 ]; then
    # After the last row of the section's table (the section is not the last thing in the file).
    awk -v section="$SECTION" -v line="$LINE" '
      { lines[NR] = $0 }
      $0 == section { inside = 1; next }
      inside && /^## / { inside = 0 }
      inside && /^\|/ { last = NR }
      END {
        if (!last) { print "no table under " section > "/dev/stderr"; exit 1 }
        for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) print line }
      }' "$RESULTS" > "$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS" || die "could not add the row to $RESULTS"
  fi
done
if [ "$APPEND" = 1 ]; then echo "added to $RESULTS, section '$SECTION'"; fi
echo "logs and raw outputs: $OUT/"
