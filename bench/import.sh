#!/usr/bin/env bash
# Bulk import benchmark (issue 12): generates a CSV of ROWS rows (a new contact with consent to e-marketing each),
# starts the jar on a fresh PostgreSQL database, uploads the file to POST /api/v1/imports and times it until the import
# is FINISHED. Prints the upload time, the processing time and rows/s (total time, upload included); the goal is
# 20,000 rows/s. Then waits until every processor (the projections, the change feed...) has processed the imported
# events and prints how much later that was. Run it on a quiet machine: the figure is the machine's as much as the ledger's.
#
#   bench/import.sh                          # 1,000,000 rows
#   ROWS=1000 bench/import.sh                # does it work (the figure is meaningless)
#   CHUNK=2000 ROWS=200000 bench/import.sh   # another chunk size (consent.imports.chunk-size)
#
# Environment (defaults in brackets):
#   ROWS [1000000]        rows of the generated file
#   CHUNK [500]           rows per transaction of the import's processor
#   PORT [18280]          the ledger's HTTP port
#   DB [consent_bench_import]   the database, dropped and created anew
#   PGUSER [postgres]     PostgreSQL on localhost:5432 (trust, or PGPASSWORD)
#   JAVA_OPTS             for the ledger's JVM
#   OUT [bench/results]   the file, the answers and the ledger's log (import-ledger.log)
#   JAR [consent-app/target/consent-app.jar]   the ledger to run (a copy lets a build go on meanwhile)
#
# Needs: PostgreSQL 15 on localhost:5432, psql, curl, python3 and the jar (./mvnw -B -DskipTests package; built here if
# missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROWS=${ROWS:-1000000}
CHUNK=${CHUNK:-500}
PORT=${PORT:-18280}
DB=${DB:-consent_bench_import}
PGUSER=${PGUSER:-postgres}
OUT=${OUT:-bench/results}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-consent-app/target/consent-app.jar}
LEDGER="http://localhost:$PORT"
mkdir -p "$OUT"
trap bench_cleanup EXIT

[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

echo "== generating $ROWS rows ($OUT/import.csv)"
RUN=$(date +%s)
python3 - "$ROWS" "$RUN" > "$OUT/import.csv" <<'PY'
import sys
rows, run = int(sys.argv[1]), sys.argv[2]
out = sys.stdout
out.write("contactId,name,email,sourceId,sourceDetail,locale,purposeId,legalBasis,status,capturedAt,evidenceText\n")
for i in range(rows):
    out.write(f"imp-{run}-{i},Person {i},person{i}@example.com,import,CRM export,en,e-marketing,CONSENT,GRANTED,"
              f"2024-03-01T12:00:00Z,\"Yes, send me news and offers by email.\"\n")
PY

echo "== the ledger on port $PORT, database $DB (log: $OUT/import-ledger.log)"
psql -h localhost -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null
psql -h localhost -U "$PGUSER" -d postgres -qc "CREATE DATABASE $DB" >/dev/null
rm -rf "$OUT/import-data"
# shellcheck disable=SC2086
CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR \
  bench_spawn "$OUT/import-ledger.log" java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres \
  --server.port="$PORT" --consent.data-dir="$OUT/import-data" --consent.imports.chunk-size="$CHUNK"
APP=$!
bench_wait_http "$LEDGER/actuator/health/readiness" "$APP" "$OUT/import-ledger.log"

now_ms() { date +%s%3N; }
sql() { psql -h localhost -U "$PGUSER" -d "$DB" -tAc "$1"; }
# CPU seconds (user + system) of the ledger's JVM and of the PostgreSQL backends serving its database: on a shared
# machine a steadier measure of the work per row than the elapsed time.
cpu_s() {
  local pids
  pids="$APP $(sql "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null || true; done \
    | awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); cpu += $12 + $13 } END { printf "%.1f", cpu / hz }'
}
jvm_cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$APP/stat"; }
echo "== importing"
cpu_start=$(cpu_s)
jvm_start=$(jvm_cpu_s)
start=$(now_ms)
location=$(curl -sf -u bench:bench -H 'Content-Type: text/csv' --data-binary @"$OUT/import.csv" \
  -D - -o "$OUT/import-accepted.json" "$LEDGER/api/v1/imports" | tr -d '\r' | awk -F': ' 'tolower($1) == "location" { print $2 }')
[ -n "$location" ] || die "the import was not accepted: $(cat "$OUT/import-accepted.json")"
received=$(now_ms)
while true; do
  curl -sf -u bench:bench "$LEDGER$location" > "$OUT/import-state.json" || die "the import's state cannot be read"
  state=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"])' "$OUT/import-state.json")
  [ "$state" = FINISHED ] && break
  kill -0 "$APP" 2>/dev/null || die "the ledger stopped; see $OUT/import-ledger.log"
  sleep 0.2
done
finished=$(now_ms)

# The read models have caught up when every processor's token (TokenEntry, as bench/catch-up.sh reads it) is at the
# newest event stored when the import finished.
newest=$(sql "SELECT MAX(globalIndex) FROM DomainEventEntry")
while [ "$(sql "SELECT COUNT(*) FROM TokenEntry
              WHERE COALESCE(substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')::bigint, -1) < $newest")" != 0 ]; do
  kill -0 "$APP" 2>/dev/null || die "the ledger stopped; see $OUT/import-ledger.log"
  sleep 0.2
done
caught_up=$(now_ms)
cpu_end=$(cpu_s)
jvm_end=$(jvm_cpu_s)

python3 - "$OUT/import-state.json" "$start" "$received" "$finished" "$caught_up" \
  "$jvm_start" "$jvm_end" "$cpu_start" "$cpu_end" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
start, received, finished, caught_up = map(int, sys.argv[2:6])
jvm_cpu = float(sys.argv[7]) - float(sys.argv[6])
all_cpu = float(sys.argv[9]) - float(sys.argv[8])
total_s = (finished - start) / 1000
print(f"rows {job['total']}: imported {job['imported']}, skipped {job['skipped']}, failed {job['failed']}")
print(f"upload (read, checked, staged) {(received - start) / 1000:.1f} s, processing {(finished - received) / 1000:.1f} s")
print(f"{job['total'] / total_s:,.0f} rows/s (total {total_s:.1f} s)")
print(f"read models caught up {(caught_up - finished) / 1000:.1f} s after the import finished"
      f" ({job['total'] / ((caught_up - start) / 1000):,.0f} rows/s until then)")
print(f"CPU until then: the JVM {jvm_cpu:.1f} s, PostgreSQL {all_cpu - jvm_cpu:.1f} s"
      f" ({all_cpu * 1e6 / job['total']:,.0f} us a row); load average {open('/proc/loadavg').read().split()[0]}")
PY
