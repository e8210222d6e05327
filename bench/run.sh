#!/usr/bin/env bash
# Benchmark (issue 11): in one run on one machine, with the same number of clients for every load,
#   1. PostgreSQL alone (pgbench): the raw limit, one ~500-byte insert per transaction (bench/pg-insert.sql); the
#      ledger's database work per grant with one statement per projection write (bench/pg-ledger-work.sql); and the
#      floor with batched projections: the event's append plus the standing and history rows in multi-row statements
#      of 100 (bench/pg-floor-batched.sql);
#   2. the CRUD peer (../shared/bench-peer, built from a copy, its own database): GrantConsent over HTTP with wrk and
#      bench/grant.lua, after the same warm-up;
#   3. the ledger (the jar on PostgreSQL, a fresh database): the same wrk script, clients and duration: grants/s, p50,
#      p99; then the check API (bench/check.lua, CHECK_CLIENTS clients) while a second wrk sends grants at CHECK_SHARE
#      of the rate just measured; then the projection lag (bench/lag-probe.py: a probe contact granted and withdrawn in
#      turn, polled with wait=false until the change shows) while grants run flat out; then, once per run, the check
#      in bulk of 10,000 contacts (bench/bulk-check.sh: p50 / p99, goal p99 <= 200 ms);
# and appends one row per client count to the last table of docs/performance.md, with every figure and the ratios
# ledger/peer and ledger/raw.
#
#   bench/run.sh                               # 8 clients, 30 s per measurement, 45 s warm-up: about 6 minutes
#   CLIENTS="8 16" bench/run.sh                # both client counts of the goal in one run: two rows
#   DURATION=5 WARMUP=5 CONTACTS=200 APPEND=0 bench/run.sh      # does it work (figures meaningless, no row)
#
# Environment (defaults in brackets):
#   CLIENTS [8]           connections of every load (pgbench -c, wrk -c); a list ("8 16") measures each in turn on the
#                         same services (warmed up once) and appends a row for each
#   DURATION [30]         seconds of every measurement; WARMUP [45] seconds of grants before the first (each service)
#   CHECK_WARMUP [10]     seconds of checks after the ledger's warm-up (the check path's JIT)
#   LAG_DURATION [DURATION] seconds of the lag measurement: raise it when the row shows fewer than 100 samples
#   CONTACTS [2000]       contacts bench-1 .. bench-N the grants and checks pick from at random
#   BULK_SIZE [10000]     contact ids per check in bulk (bench/bulk-check.sh, which registers bench-(CONTACTS+1) ..
#                         bench-BULK_SIZE; a smoke run wants a small one)
#   CHECK_CLIENTS [8]     connections of the check load; CHECK_SHARE [0.5] the share of the maximum grant rate sent
#                         meanwhile
#   PORT [18080]          the ledger's HTTP port; PEER_PORT [18090] the peer's
#   DB [consent_bench] RAW_DB [consent_bench_raw] PEER_DB [consent_bench_peer]   databases, dropped and created anew
#   PGUSER [postgres]     PostgreSQL on localhost:5432 (trust, or PGPASSWORD)
#   PEER [1]              0: leave the peer out (its columns read "-")
#   PEER_JAR              a built crud-peer.jar; otherwise $OUT/crud-peer.jar, built once from a copy of PEER_SRC
#                         [../shared/bench-peer] (the source is never changed)
#   JAVA_OPTS             for the ledger's JVM; BENCH_NOTE: text for the row's note
#   OUT [bench/results]   logs and raw outputs (wrk-*.txt, pgbench-*.txt, lag-*.txt, ledger.log, peer.log)
#   RESULTS [docs/performance.md]   where the rows go; APPEND [1]: 0 prints the rows only
#   JAR [consent-app/target/consent-app.jar]   the ledger to measure (another commit's jar for an A/B in one sitting)
#
# Needs: PostgreSQL 15 on localhost:5432, pgbench, wrk (apt-get install -y wrk), python3, Maven for the peer, and the
# jar (./mvnw -B -DskipTests package; built here if missing). Everything shares the machine's cores, as it would on a
# small server; latencies are wrk's (client side, HTTP included).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-45}
LAG_DURATION=${LAG_DURATION:-$DURATION}
CHECK_WARMUP=${CHECK_WARMUP:-10}
CONTACTS=${CONTACTS:-2000}
CHECK_CLIENTS=${CHECK_CLIENTS:-8}
CHECK_SHARE=${CHECK_SHARE:-0.5}
PORT=${PORT:-18080}
PEER_PORT=${PEER_PORT:-18090}
PGUSER=${PGUSER:-postgres}
DB=${DB:-consent_bench}
RAW_DB=${RAW_DB:-consent_bench_raw}
PEER_DB=${PEER_DB:-consent_bench_peer}
PEER=${PEER:-1}
PEER_SRC=${PEER_SRC:-../shared/bench-peer}
OUT=${OUT:-bench/results}
RESULTS=${RESULTS:-docs/performance.md}
APPEND=${APPEND:-1}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-consent-app/target/consent-app.jar}
AUTH="Basic $(printf 'bench:bench' | base64)"
LEDGER="http://localhost:$PORT"
PEER_URL="http://localhost:$PEER_PORT"
mkdir -p "$OUT"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
command -v pgbench >/dev/null || die "pgbench is missing (postgresql-client)"
command -v python3 >/dev/null || die "python3 is missing (the lag probe)"
for c in $CLIENTS; do [[ $c =~ ^[0-9]+$ && $c -ge 2 ]] || die "CLIENTS: each count must be a number >= 2, not '$c'"; done
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
psql -h localhost -U "$PGUSER" -d postgres -qtAc 'SELECT 1' >/dev/null || die "PostgreSQL on localhost:5432 (user $PGUSER) does not answer"
PORTS=$PORT DBS="$DB $RAW_DB"
if [ "$PEER" = 1 ]; then PORTS+=" $PEER_PORT" DBS+=" $PEER_DB"; fi
for port in $PORTS; do
  curl -s -o /dev/null "http://localhost:$port" && die "port $port is taken: set PORT / PEER_PORT"
done

if [ "$PEER" = 1 ]; then
  PEER_JAR=${PEER_JAR:-$OUT/crud-peer.jar}
  if [ ! -f "$PEER_JAR" ]; then
    [ -f "$PEER_SRC/pom.xml" ] || die "no CRUD peer source at $PEER_SRC (set PEER_SRC or PEER_JAR, or PEER=0)"
    echo "== building the CRUD peer from a copy of $PEER_SRC"
    build=$(mktemp -d)
    cp -r "$PEER_SRC" "$build/bench-peer"
    mvn -q -f "$build/bench-peer/pom.xml" package -DskipTests > "$OUT/peer-build.log" 2>&1 \
      || die "building the peer failed; see $OUT/peer-build.log"
    cp "$build"/bench-peer/target/*.jar "$PEER_JAR"
    rm -rf "$build"
  fi
fi

for db in $DBS; do
  psql -h localhost -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  psql -h localhost -U "$PGUSER" -d postgres -qc "CREATE DATABASE $db" >/dev/null
done
echo "logs and raw outputs: $OUT/"

declare -A RAW WORK FLOOR PEER_RPS PEER_P50 PEER_P99 PEER_ERR LEDGER_RPS LEDGER_P50 LEDGER_P99 LEDGER_ERR JVM_CORES BUSY \
  CHECK_RPS CHECK_P50 CHECK_P99 CHECK_ERR CHECK_GRANTS LAG LAG_GRANTS

# ---- 1. PostgreSQL alone -----------------------------------------------------------------------------------------
for c in $CLIENTS; do
  psql -h localhost -U "$PGUSER" -d "$RAW_DB" -q -f bench/pg-tables.sql
  echo "== pgbench, $c clients, ${DURATION}s each: raw insert; the ledger's database work; the floor with batched projections"
  bench_run "$OUT/pgbench-raw-c$c.txt" \
    pgbench -h localhost -U "$PGUSER" -n -c "$c" -j 2 -T "$DURATION" -f bench/pg-insert.sql "$RAW_DB" \
    || die "pgbench failed; see $OUT/pgbench-raw-c$c.txt"
  RAW[$c]=$(pgbench_tps "$OUT/pgbench-raw-c$c.txt")
  bench_run "$OUT/pgbench-work-c$c.txt" \
    pgbench -h localhost -U "$PGUSER" -n -c "$c" -j 2 -T "$DURATION" -f bench/pg-ledger-work.sql "$RAW_DB" \
    || die "pgbench failed; see $OUT/pgbench-work-c$c.txt"
  WORK[$c]=$(pgbench_tps "$OUT/pgbench-work-c$c.txt")
  bench_run "$OUT/pgbench-floor-c$c.txt" \
    pgbench -h localhost -U "$PGUSER" -n -c "$c" -j 2 -T "$DURATION" -D n=0 -f bench/pg-floor-batched.sql "$RAW_DB" \
    || die "pgbench failed; see $OUT/pgbench-floor-c$c.txt"
  FLOOR[$c]=$(pgbench_tps "$OUT/pgbench-floor-c$c.txt")
  echo "raw ${RAW[$c]} tps; database work per grant ${WORK[$c]}/s; floor with batched projections ${FLOOR[$c]} grants/s"
done

# One wrk run of grants: into $OUT/wrk-$1.txt, figures in WRK_*.
grants() {
  local name=$1 url=$2 c=$3
  BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run "$OUT/wrk-$name.txt" \
    wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/grant.lua "$url" || die "wrk failed; see $OUT/wrk-$name.txt"
  wrk_figures "$OUT/wrk-$name.txt"
}

# ---- 2. The CRUD peer --------------------------------------------------------------------------------------------
if [ "$PEER" = 1 ]; then
  echo "== the CRUD peer on port $PEER_PORT, database $PEER_DB (log: $OUT/peer.log)"
  PEER_DB_URL="jdbc:postgresql://localhost:5432/$PEER_DB" PEER_DB_USER="$PGUSER" PEER_DB_PASSWORD="${PGPASSWORD:-}" \
    PEER_PORT=$PEER_PORT bench_spawn "$OUT/peer.log" java -jar "$PEER_JAR"
  PEER_PID=$!
  bench_wait_http "$PEER_URL/" "$PEER_PID" "$OUT/peer.log"
  echo "warming up (${WARMUP} s)"
  BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run /dev/null wrk -t2 -c"${CLIENTS%% *}" -d"${WARMUP}s" -s bench/grant.lua \
    "$PEER_URL" || die "the warm-up failed"
  for c in $CLIENTS; do
    grants "peer-c$c" "$PEER_URL" "$c"
    PEER_RPS[$c]=$WRK_RPS PEER_P50[$c]=$WRK_P50 PEER_P99[$c]=$WRK_P99 PEER_ERR[$c]=$((WRK_NON2XX + WRK_SOCKERR))
    echo "peer, $c clients: $WRK_RPS grants/s, p50 $WRK_P50, p99 $WRK_P99, non-2xx $WRK_NON2XX, socket errors $WRK_SOCKERR"
  done
  bench_stop "$PEER_PID"
fi

# ---- 3. The ledger -----------------------------------------------------------------------------------------------
echo "== the ledger on port $PORT, database $DB (log: $OUT/ledger.log)"
rm -rf "$OUT/data"
# shellcheck disable=SC2086
CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR \
  bench_spawn "$OUT/ledger.log" java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres --server.port="$PORT" \
  --consent.data-dir="$OUT/data"
APP=$!
bench_wait_http "$LEDGER/actuator/health/readiness" "$APP" "$OUT/ledger.log"
curl -sf -o /dev/null "$LEDGER/actuator/health/readiness" || die "the ledger is not ready; see $OUT/ledger.log"

echo "registering $CONTACTS contacts"
register_contacts "$LEDGER" "$CONTACTS" bench:bench
python3 bench/lag-probe.py --nodes "$LEDGER" --contact probe-1 --register --seconds 0 >/dev/null \
  || die "registering the lag probe's contact failed"
echo "warming up (${WARMUP} s of grants, ${CHECK_WARMUP} s of checks: the JIT needs about 45 s to settle)"
BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run /dev/null wrk -t2 -c"${CLIENTS%% *}" -d"${WARMUP}s" -s bench/grant.lua \
  "$LEDGER" || die "the warm-up failed"
BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run /dev/null wrk -t2 -c"$CHECK_CLIENTS" -d"${CHECK_WARMUP}s" \
  -s bench/check.lua "$LEDGER" || die "the warm-up failed"

for c in $CLIENTS; do
  echo "== the ledger, $c clients, ${DURATION}s: grants flat out"
  ticks0=$(proc_ticks "$APP"); read -r busy0 total0 < <(machine_ticks); start=$(date +%s.%N)
  grants "ledger-c$c" "$LEDGER" "$c"
  ticks1=$(proc_ticks "$APP"); read -r busy1 total1 < <(machine_ticks); end=$(date +%s.%N)
  cat "$OUT/wrk-ledger-c$c.txt"
  LEDGER_RPS[$c]=$WRK_RPS LEDGER_P50[$c]=$WRK_P50 LEDGER_P99[$c]=$WRK_P99 LEDGER_ERR[$c]=$((WRK_NON2XX + WRK_SOCKERR))
  JVM_CORES[$c]=$(cores $((ticks1 - ticks0)) "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
  BUSY[$c]=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", t ? n * b / t : 0 }')

  rate=$(awk -v r="${LEDGER_RPS[$c]}" -v s="$CHECK_SHARE" 'BEGIN { printf "%d", r * s < 1 ? 1 : r * s }')
  echo "== the check API, $CHECK_CLIENTS clients, ${DURATION}s, while $c clients send grants at $rate/s"
  BENCH_RATE=$rate BENCH_THREADS=2 BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH \
    bench_spawn "$OUT/wrk-check-grants-c$c.txt" wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/grant.lua "$LEDGER"
  GRANT_WRK=$!
  BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run "$OUT/wrk-check-c$c.txt" \
    wrk -t2 -c"$CHECK_CLIENTS" -d"${DURATION}s" --latency -s bench/check.lua "$LEDGER" || die "wrk failed; see $OUT/wrk-check-c$c.txt"
  bench_wait "$GRANT_WRK" || die "wrk failed; see $OUT/wrk-check-grants-c$c.txt"
  wrk_figures "$OUT/wrk-check-c$c.txt"
  CHECK_RPS[$c]=$WRK_RPS CHECK_P50[$c]=$WRK_P50 CHECK_P99[$c]=$WRK_P99 CHECK_ERR[$c]=$((WRK_NON2XX + WRK_SOCKERR))
  wrk_figures "$OUT/wrk-check-grants-c$c.txt"
  CHECK_GRANTS[$c]=$WRK_RPS
  CHECK_ERR[$c]=$((${CHECK_ERR[$c]} + WRK_NON2XX + WRK_SOCKERR))
  echo "checks: ${CHECK_RPS[$c]}/s, p50 ${CHECK_P50[$c]}, p99 ${CHECK_P99[$c]}; grants meanwhile ${CHECK_GRANTS[$c]}/s"

  echo "== projection lag, ${LAG_DURATION}s, while $c clients send grants flat out"
  bench_spawn "$OUT/wrk-lag-grants-c$c.txt" env BENCH_CONTACTS="$CONTACTS" BENCH_AUTH="$AUTH" \
    wrk -t2 -c"$c" -d"${LAG_DURATION}s" --latency -s bench/grant.lua "$LEDGER"
  GRANT_WRK=$!
  bench_run "$OUT/lag-c$c.txt" python3 bench/lag-probe.py --nodes "$LEDGER" --contact probe-1 --seconds "$LAG_DURATION" \
    --samples-file "$OUT/lag-samples-c$c.txt" || die "the lag probe failed; see $OUT/lag-c$c.txt"
  bench_wait "$GRANT_WRK" || die "wrk failed; see $OUT/wrk-lag-grants-c$c.txt"
  wrk_figures "$OUT/wrk-lag-grants-c$c.txt"
  LAG_GRANTS[$c]=$WRK_RPS
  LAG[$c]=$(grep '^samples=' "$OUT/lag-c$c.txt") || die "no figures from the lag probe; see $OUT/lag-c$c.txt"
  echo "lag: ${LAG[$c]}; grants meanwhile ${LAG_GRANTS[$c]}/s"
done

# ---- 4. The check in bulk (issue 12): once per run, the same cell in each row ------------------------------------
BULK=$(LEDGER=$LEDGER BENCH_USER=bench:bench FROM=$CONTACTS DURATION=$DURATION OUT=$OUT bench/bulk-check.sh | tail -n 1) \
  || die "the check in bulk failed; see $OUT/wrk-bulk-check.txt"
BULK_CELL="$(grep -oP 'BULK_RPS=\K\S+' <<<"$BULK") ($(grep -oP 'BULK_P50=\K\S+' <<<"$BULK") / $(grep -oP 'BULK_P99=\K\S+' <<<"$BULK")), errors $(grep -oP 'BULK_ERR=\K\S+' <<<"$BULK")"
echo "check in bulk, ${BULK_SIZE:-10000} contacts: $BULK_CELL"
bench_stop "$APP"

# ---- The rows ----------------------------------------------------------------------------------------------------
# Columns: see the header of the last table in docs/performance.md.
for c in $CLIENTS; do
  lag=${LAG[$c]}
  lag_p50=$(grep -oP 'p50_ms=\K\S+' <<<"$lag"); lag_p99=$(grep -oP 'p99_ms=\K\S+' <<<"$lag")
  lag_n=$(grep -oP 'samples=\K\S+' <<<"$lag"); lag_timeouts=$(grep -oP 'timeouts=\K\S+' <<<"$lag")
  if [ "$PEER" = 1 ]; then
    peer="${PEER_RPS[$c]} (${PEER_P50[$c]} / ${PEER_P99[$c]})"
    vs_peer="$(ratio "${LEDGER_RPS[$c]}" "${PEER_RPS[$c]}")×"
  else
    peer="-" vs_peer="-"
  fi
  errors="ledger ${LEDGER_ERR[$c]}, check ${CHECK_ERR[$c]}"
  [ "$PEER" = 1 ] && errors+=", peer ${PEER_ERR[$c]}"
  lag_cell="$lag_p50 / $lag_p99 ms (n=$lag_n"
  [ "$lag_timeouts" != 0 ] && lag_cell+=", $lag_timeouts timed out"
  lag_cell+=") at ${LAG_GRANTS[$c]} grants/s"
  LINE="| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | $c | $(printf '%.0f' "${RAW[$c]}")"
  LINE+=" | $(printf '%.0f' "${FLOOR[$c]}") ($(ratio "$(awk -v a="${FLOOR[$c]}" 'BEGIN { print 100 * a }')" "${RAW[$c]}" '%.0f %%'))"
  LINE+=" / $(printf '%.0f' "${WORK[$c]}")"
  LINE+=" | $peer | ${LEDGER_RPS[$c]} (${LEDGER_P50[$c]} / ${LEDGER_P99[$c]}) | $vs_peer"
  LINE+=" | $(ratio "$(awk -v a="${LEDGER_RPS[$c]}" 'BEGIN { print 100 * a }')" "${RAW[$c]}" '%.1f %%')"
  LINE+=" | ${CHECK_RPS[$c]} (${CHECK_P50[$c]} / ${CHECK_P99[$c]}) at ${CHECK_GRANTS[$c]} grants/s"
  LINE+=" | $lag_cell | $errors | ledger JVM ${JVM_CORES[$c]} cores, machine ${BUSY[$c]} of $(nproc) busy.${BENCH_NOTE:+ $BENCH_NOTE} |"
  LINE+=" $BULK_CELL |"
  echo "$LINE"
  if [ "$APPEND" = 1 ]; then
    # The results table is the last thing in docs/performance.md: each run appends its rows.
    echo "$LINE" >> "$RESULTS"
  fi
done
if [ "$APPEND" = 1 ]; then echo "appended to $RESULTS"; fi
echo "logs and raw outputs: $OUT/"
