#!/usr/bin/env bash
# Benchmark: the raw insert limit of PostgreSQL (pgbench) against the ledger's GrantConsent throughput over HTTP
# (wrk), with the same number of clients, on one machine. Writes the figures into docs/performance.md.
#
#   bench/run.sh                 # defaults: 8 clients, 30 s per run
#   CLIENTS=16 DURATION=60 bench/run.sh
#
# Needs: PostgreSQL on localhost:5432 (trust or PGPASSWORD for PGUSER), pgbench, wrk (apt-get install -y wrk),
# and the jar (./mvnw -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
CONTACTS=${CONTACTS:-2000}
PORT=${PORT:-18080}
PGUSER=${PGUSER:-postgres}
DB=consent_bench
RAW_DB=consent_bench_raw
JAR=consent-app/target/consent-app.jar
OUT=bench/results
JAVA_OPTS=${JAVA_OPTS:-}
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

for db in $DB $RAW_DB; do
  psql -h localhost -U "$PGUSER" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  psql -h localhost -U "$PGUSER" -qc "CREATE DATABASE $db" >/dev/null
done

echo "== pgbench: one ~500-byte insert per transaction, $CLIENTS clients, ${DURATION}s"
psql -h localhost -U "$PGUSER" -d $RAW_DB -qc \
  "CREATE TABLE bench_raw (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL, seq BIGINT NOT NULL, payload BYTEA NOT NULL)"
pgbench -h localhost -U "$PGUSER" -n -c "$CLIENTS" -j 2 -T "$DURATION" -f bench/pg-insert.sql $RAW_DB > "$OUT/pgbench.txt" 2>&1
RAW_TPS=$(grep -oP 'tps = \K[0-9.]+(?= \(without initial connection time\))' "$OUT/pgbench.txt")
RAW_P50=$(grep -oP 'latency average = \K[0-9.]+' "$OUT/pgbench.txt")
echo "raw: $RAW_TPS tps, average latency $RAW_P50 ms"

echo "== pgbench: the ledger's own database work per grant (bench/pg-ledger-work.sql), $CLIENTS clients, ${DURATION}s"
psql -h localhost -U "$PGUSER" -d $RAW_DB -q <<'SQL'
CREATE SEQUENCE bench_seq;
CREATE TABLE bench_event (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL, seq BIGINT NOT NULL,
  payload BYTEA NOT NULL, UNIQUE (aggregate_id, seq));
CREATE TABLE bench_basis (contact_id VARCHAR(128) NOT NULL, purpose_id VARCHAR(64) NOT NULL, status VARCHAR(32),
  since TIMESTAMP WITH TIME ZONE, source_id VARCHAR(64), recorded_by VARCHAR(200), PRIMARY KEY (contact_id, purpose_id));
INSERT INTO bench_basis SELECT 'bench-' || i, 'e-marketing', 'WITHDRAWN', now(), 'email', 'bench'
  FROM generate_series(1, 2000) AS i;
CREATE TABLE bench_history (contact_id VARCHAR(128) NOT NULL, seq BIGINT NOT NULL, recorded_at TIMESTAMP WITH TIME ZONE,
  actor VARCHAR(200), channel VARCHAR(32), change VARCHAR(40), purpose_id VARCHAR(64), source_id VARCHAR(64),
  source_detail VARCHAR(500), PRIMARY KEY (contact_id, seq));
CREATE INDEX bench_history_recorded_at ON bench_history (recorded_at);
SQL
pgbench -h localhost -U "$PGUSER" -n -c "$CLIENTS" -j 2 -T "$DURATION" -f bench/pg-ledger-work.sql $RAW_DB > "$OUT/pgbench-work.txt" 2>&1
WORK_TPS=$(grep -oP 'tps = \K[0-9.]+(?= \(without initial connection time\))' "$OUT/pgbench-work.txt")
echo "the ledger's database work alone: $WORK_TPS grants/s"

echo "== the ledger on PostgreSQL"
APP_LOG="$OUT/app.log"
# shellcheck disable=SC2086
CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR \
  java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres --server.port="$PORT" \
  --consent.data-dir="$OUT/data" > "$APP_LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://localhost:$PORT/actuator/health" >/dev/null || { echo "the service did not start; see $APP_LOG" >&2; exit 1; }

echo "registering $CONTACTS contacts"
seq 1 "$CONTACTS" | xargs -P 8 -I{} curl -sf -o /dev/null -u bench:bench -H 'Content-Type: application/json' \
  "http://localhost:$PORT/api/v1/contacts" \
  -d '{"contactId":"bench-{}","name":"Bench Person","email":"bench@example.com","sourceId":"import"}'

AUTH="Basic $(printf 'bench:bench' | base64)"
echo "warming up (${WARMUP:-45} s: the JIT needs about that long to settle)"
BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH wrk -t2 -c"$CLIENTS" -d"${WARMUP:-45}s" -s bench/grant.lua "http://localhost:$PORT" >/dev/null
echo "== wrk: GrantConsent over HTTP, $CLIENTS clients, ${DURATION}s"
BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s bench/grant.lua \
  "http://localhost:$PORT" > "$OUT/wrk.txt"
cat "$OUT/wrk.txt"
LEDGER_RPS=$(grep -oP 'Requests/sec:\s*\K[0-9.]+' "$OUT/wrk.txt")
P50=$(grep -oP '^\s+50%\s+\K\S+' "$OUT/wrk.txt")
P99=$(grep -oP '^\s+99%\s+\K\S+' "$OUT/wrk.txt")
NON2XX=$(grep -oP 'Non-2xx or 3xx responses: \K[0-9]+' "$OUT/wrk.txt" || echo 0)
RATIO=$(awk -v a="$LEDGER_RPS" -v b="$RAW_TPS" 'BEGIN { printf "%.1f", 100 * a / b }')
WORK_RATIO=$(awk -v a="$LEDGER_RPS" -v b="$WORK_TPS" 'BEGIN { printf "%.1f", 100 * a / b }')

kill $APP; wait $APP 2>/dev/null || true
trap - EXIT

LINE="| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | $CLIENTS | $RAW_TPS | $LEDGER_RPS | $RATIO % | $P50 | $P99 | $NON2XX | same database work alone: $WORK_TPS/s, ledger at $WORK_RATIO % of it. ${BENCH_NOTE:-} |"
echo "$LINE"
# The results table is the last thing in docs/performance.md: each run appends its row.
echo "$LINE" >> docs/performance.md
