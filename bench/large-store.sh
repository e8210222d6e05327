#!/usr/bin/env bash
# Benchmark (issue 11): does a large event store slow the write path? In one run on one database:
#   1. the ledger on an empty store: CONTACTS contacts registered, then grants/s, p50, p99 (bench/grant.lua, CLIENTS
#      clients, after a warm-up);
#   2. the ledger stopped; EVENTS events inserted straight into the event table (a third each: registrations, consents,
#      withdrawals of contacts big-1 .. big-N, without personal data, as bench/projection-rebuild.sh does), the
#      read models those events make (contacts, standings, history rows) inserted the same way, and every
#      processor's token set to the newest event — the state a node is in after catching up on such a store, without
#      waiting for the catch-up (bench/projection-rebuild.sh measures that pace);
#   3. the ledger started again on the large store: CONTACTS other contacts registered, the same warm-up and
#      measurement.
# Prints both rows and the ratio, and appends them to docs/performance.md's "Large store" table.
#
#   bench/large-store.sh                            # 5 million events, 8 clients, 30 s: about 15 minutes
#   EVENTS=30000 DURATION=5 WARMUP=5 APPEND=0 bench/large-store.sh   # does it work (figures meaningless, no row)
#
# Environment (defaults in brackets): EVENTS [5000000], CLIENTS [8], DURATION [30], WARMUP [45], CONTACTS [2000]
# (bench contacts the grants pick from), PORT [18080], DB [consent_bench_large], PGUSER [postgres], OUT
# [bench/results], RESULTS [docs/performance.md], APPEND [1], JAVA_OPTS, BENCH_NOTE.
# Needs PostgreSQL 15 on localhost:5432, wrk, curl and the jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

EVENTS=${EVENTS:-5000000}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-45}
CONTACTS=${CONTACTS:-2000}
PORT=${PORT:-18080}
DB=${DB:-consent_bench_large}
PGUSER=${PGUSER:-postgres}
OUT=${OUT:-bench/results}
RESULTS=${RESULTS:-docs/performance.md}
APPEND=${APPEND:-1}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=consent-app/target/consent-app.jar
AUTH="Basic $(printf 'bench:bench' | base64)"
LEDGER="http://localhost:$PORT"
mkdir -p "$OUT"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
[[ $EVENTS =~ ^[0-9]+$ && $EVENTS -ge 3 ]] || die "EVENTS must be a number >= 3"
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
curl -s -o /dev/null "$LEDGER" && die "port $PORT is taken: set PORT"
psql -h localhost -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
psql -h localhost -U "$PGUSER" -d postgres -qc "CREATE DATABASE $DB" >/dev/null || die "PostgreSQL does not answer"
sql() { psql -h localhost -U "$PGUSER" -d "$DB" -v ON_ERROR_STOP=1 -qtAc "$1"; }

start_ledger() {
  # shellcheck disable=SC2086
  CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
  CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
  CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR \
    bench_spawn "$OUT/ledger-large-$1.log" java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres \
    --server.port="$PORT" --consent.data-dir="$OUT/data-large"
  APP=$!
  bench_wait_http "$LEDGER/actuator/health/readiness" "$APP" "$OUT/ledger-large-$1.log"
}

# Registers CONTACTS fresh contacts with the prefix, warms up, then one measured wrk run on them: figures in WRK_*.
# Each phase has contacts of its own, so that both start from contacts without events (a contact's own stream grows
# with every grant, and the cache of loaded contacts does not hold every one).
measure() {
  register_contacts "$LEDGER" "$CONTACTS" bench:bench "$2"
  BENCH_PREFIX=$2 BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run /dev/null wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s bench/grant.lua \
    "$LEDGER" || die "the warm-up failed"
  BENCH_PREFIX=$2 BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run "$OUT/wrk-large-$1.txt" \
    wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s bench/grant.lua "$LEDGER" || die "wrk failed; see $OUT/wrk-large-$1.txt"
  wrk_figures "$OUT/wrk-large-$1.txt"
}

rm -rf "$OUT/data-large"
echo "== the ledger on an empty store (database $DB)"
start_ledger empty
measure empty empty-
EMPTY_RPS=$WRK_RPS EMPTY_P50=$WRK_P50 EMPTY_P99=$WRK_P99 EMPTY_ERR=$((WRK_NON2XX + WRK_SOCKERR))
EMPTY_EVENTS=$(sql "SELECT COUNT(*) FROM domainevententry")
echo "empty store ($EMPTY_EVENTS events): $EMPTY_RPS grants/s, p50 $EMPTY_P50, p99 $EMPTY_P99, errors $EMPTY_ERR"
bench_stop "$APP"

N=$((EVENTS / 3))
echo "== inserting $((N * 3)) events of $N contacts and their read models"
seed_start=$(date +%s)
for step in "0 contact.ContactRegistered '{\"contactId\":\"big-' || n || '\",\"name\":null,\"email\":null,\"sourceId\":\"import\",\"sourceDetail\":null,\"locale\":\"en\"}'" \
  "1 consent.ConsentGranted '{\"contactId\":\"big-' || n || '\",\"purposeId\":\"e-marketing\",\"purposeVersion\":1,\"sourceId\":\"web-form\",\"sourceDetail\":null,\"capturedAt\":null,\"validUntil\":null,\"evidence\":null}'" \
  "2 consent.ConsentWithdrawn '{\"contactId\":\"big-' || n || '\",\"purposeId\":\"e-marketing\",\"purposeVersion\":1,\"sourceId\":\"email\",\"reason\":null}'"; do
  read -r seq type payload <<<"$step"
  sql "INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
         payloadrevision, payloadtype, timestamp)
       SELECT 'big-' || n, $seq, 'ContactLedger', md5('big-' || n || '-$seq'),
         convert_to('{\"actor\":\"crm-sync\",\"actorRole\":\"INTEGRATOR\",\"channel\":\"api\"}', 'UTF8'),
         convert_to($payload, 'UTF8'), '1', 'io.consentledger.api.$type',
         to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
       FROM generate_series(1, $N) n"
done
sql "INSERT INTO contact_view (contact_id, source_id, registered_at, updated_at)
     SELECT 'big-' || n, 'import', now(), now() FROM generate_series(1, $N) n"
sql "INSERT INTO contact_basis (contact_id, purpose_id, legal_basis, status, purpose_version, since, source_id, recorded_by)
     SELECT 'big-' || n, 'e-marketing', 'CONSENT', 'WITHDRAWN', 1, now(), 'email', 'crm-sync' FROM generate_series(1, $N) n"
sql "INSERT INTO contact_history (contact_id, seq, recorded_at, actor, actor_role, channel, change, purpose_id,
       purpose_version, legal_basis, source_id)
     SELECT 'big-' || n, s, now(), 'crm-sync', 'INTEGRATOR', 'api',
       (ARRAY['CONTACT_REGISTERED', 'CONSENT_GRANTED', 'CONSENT_WITHDRAWN'])[s + 1],
       CASE WHEN s > 0 THEN 'e-marketing' END, CASE WHEN s > 0 THEN 1 END, CASE WHEN s > 0 THEN 'CONSENT' END,
       (ARRAY['import', 'web-form', 'email'])[s + 1]
     FROM generate_series(1, $N) n, generate_series(0, 2) s"
# Every processor (read models, the confirmation process and whatever else has a token) at the newest event.
sql "UPDATE tokenentry SET tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken',
       token = convert_to('{\"index\":' || (SELECT MAX(globalindex) FROM domainevententry) || ',\"gaps\":[]}', 'UTF8'),
       owner = NULL"
sql "VACUUM ANALYZE"
LARGE_EVENTS=$(sql "SELECT COUNT(*) FROM domainevententry")
HEAD=$(sql "SELECT MAX(globalindex) FROM domainevententry")
echo "inserted in $(($(date +%s) - seed_start)) s; the store holds $LARGE_EVENTS events; event table and indexes:" \
  "$(sql "SELECT pg_size_pretty(pg_total_relation_size('domainevententry'))")"

echo "== the ledger on the large store"
start_ledger large
measure large large-
LARGE_RPS=$WRK_RPS LARGE_P50=$WRK_P50 LARGE_P99=$WRK_P99 LARGE_ERR=$((WRK_NON2XX + WRK_SOCKERR))
echo "large store ($LARGE_EVENTS events): $LARGE_RPS grants/s, p50 $LARGE_P50, p99 $LARGE_P99, errors $LARGE_ERR"
# The processors must still be at the head: otherwise the node spent the run catching up, not serving grants alone.
behind=$(sql "SELECT COUNT(*) FROM tokenentry WHERE token IS NULL
                OR substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')::bigint < $HEAD")
bench_stop "$APP"

ratio_cell="$(ratio "$LARGE_RPS" "$EMPTY_RPS")×"
LINE="| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | $CLIENTS | $EMPTY_EVENTS: $EMPTY_RPS ($EMPTY_P50 / $EMPTY_P99)"
LINE+=" | $LARGE_EVENTS: $LARGE_RPS ($LARGE_P50 / $LARGE_P99) | $ratio_cell | errors $EMPTY_ERR / $LARGE_ERR;"
LINE+=" tokens behind the head after the run: $behind.${BENCH_NOTE:+ $BENCH_NOTE} |"
echo "$LINE"
if [ "$APPEND" = 1 ]; then
  python3 - "$RESULTS" "$LINE" <<'EOF'
import sys
path, line = sys.argv[1], sys.argv[2]
text = open(path).read()
marker = "<!-- large-store rows -->"
if marker not in text:
    sys.exit("no '" + marker + "' in " + path)
open(path, "w").write(text.replace(marker, line + "\n" + marker))
EOF
  echo "added to $RESULTS"
fi
