#!/usr/bin/env bash
# Webhook benchmark (issue 12): the ledger on PostgreSQL with one webhook subscriber (bench/webhook-receiver.py on this
# machine, verifying every signature), in one run:
#   1. grants at RATE per second for DURATION s (wrk, bench/grant.lua paced): the time from each change's record time
#      (recordedAt) to its arrival at the receiver, p50 / p99 / max, over every change delivered;
#   2. the receiver away for DOWN s (its socket closed: connections refused) while grants go on at RATE; then back:
#      how long until it has every change, and whether it got each one once — checked against the change feed
#      (GET /api/v1/changes) from the subscriber's start — and how many came after one with a higher position (none
#      should: webhooks deliver in the feed's order, see docs/integrations.md, Webhooks).
#
#   bench/webhook.sh                                  # 1,000 grants/s for 60 s, receiver away for 600 s
#   RATE=200 DURATION=10 DOWN=20 bench/webhook.sh     # does it work (figures meaningless)
#
# Environment (defaults in brackets): RATE [1000], DURATION [60], DOWN [600], WARMUP [30], CLIENTS [16], CONTACTS [2000],
# PORT [18380], RECEIVER_PORT [18391], DB [consent_bench_webhook], PGUSER [postgres], OUT [bench/results], JAVA_OPTS,
# JAR [consent-app/target/consent-app.jar] (another build's jar, for an A/B in one sitting).
# The ledger's webhook retries are set to back off up to 30 s (consent.webhooks.max-retry-interval), so that the
# figure after the outage is the catch-up, not the back-off.
# Needs PostgreSQL 15 on localhost:5432, wrk, curl, jq, python3 and the jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RATE=${RATE:-1000}
DURATION=${DURATION:-60}
DOWN=${DOWN:-600}
WARMUP=${WARMUP:-30}
CLIENTS=${CLIENTS:-16}
CONTACTS=${CONTACTS:-2000}
PORT=${PORT:-18380}
RECEIVER_PORT=${RECEIVER_PORT:-18391}
DB=${DB:-consent_bench_webhook}
PGUSER=${PGUSER:-postgres}
OUT=${OUT:-bench/results}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-consent-app/target/consent-app.jar}
AUTH="Basic $(printf 'bench:bench' | base64)"
LEDGER="http://localhost:$PORT"
RECEIVER="http://127.0.0.1:$RECEIVER_PORT"
mkdir -p "$OUT"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk jq python3 curl; do command -v $tool >/dev/null || die "$tool is missing"; done
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
psql -h localhost -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
psql -h localhost -U "$PGUSER" -d postgres -qc "CREATE DATABASE $DB" >/dev/null || die "PostgreSQL does not answer"

SECRET_FILE="$OUT/webhook-secret"
: > "$SECRET_FILE"
bench_spawn "$OUT/webhook-receiver.log" python3 bench/webhook-receiver.py --port "$RECEIVER_PORT" --secret-file "$SECRET_FILE"
bench_wait_http "$RECEIVER/stats" "$!" "$OUT/webhook-receiver.log"

echo "== the ledger on port $PORT, database $DB (log: $OUT/webhook-ledger.log)"
rm -rf "$OUT/data-webhook"
# shellcheck disable=SC2086
CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
CONSENT_SECURITY_USERS_0_USERNAME=bench CONSENT_SECURITY_USERS_0_PASSWORD='{noop}bench' \
CONSENT_SECURITY_USERS_0_ROLES_0=INTEGRATOR CONSENT_SECURITY_USERS_0_ROLES_1=ADMIN \
  bench_spawn "$OUT/webhook-ledger.log" java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres \
  --server.port="$PORT" --consent.data-dir="$OUT/data-webhook" --consent.webhooks.allow-private-addresses=true \
  --consent.webhooks.max-retry-interval=30s
APP=$!
bench_wait_http "$LEDGER/actuator/health/readiness" "$APP" "$OUT/webhook-ledger.log"
register_contacts "$LEDGER" "$CONTACTS" bench:bench

grants() {
  BENCH_RATE=$RATE BENCH_THREADS=2 BENCH_CONTACTS=$CONTACTS BENCH_AUTH=$AUTH bench_run "$OUT/wrk-webhook-$1.txt" \
    wrk -t2 -c"$CLIENTS" -d"${2}s" --latency -s bench/grant.lua "$LEDGER" || die "wrk failed; see $OUT/wrk-webhook-$1.txt"
  wrk_figures "$OUT/wrk-webhook-$1.txt"
}
# A fresh JVM compiles its hot paths in the first seconds: the same grants before the subscriber exists, unmeasured.
if [ "$WARMUP" -gt 0 ]; then
  echo "== warming up: grants at $RATE/s for ${WARMUP}s, no subscriber yet"
  grants warmup "$WARMUP"
fi

START=0
while :; do
  next=$(curl -sf -u bench:bench "$LEDGER/api/v1/changes?after=$START&limit=1000" | jq '.next')
  [ "$next" = "$START" ] && break
  START=$next
done
registered=$(curl -sf -u bench:bench -H 'Content-Type: application/json' "$LEDGER/api/v1/webhooks" \
  -d "{\"url\":\"$RECEIVER/hook\",\"description\":\"bench\",\"from\":\"$START\"}") || die "registering the webhook failed"
WEBHOOK=$(jq -r '.webhookId' <<<"$registered")
jq -r '.secret' <<<"$registered" > "$SECRET_FILE"

# Waits until the subscriber's cursor is at the head (lag 0): the seconds it took.
caught_up() {
  local begin
  begin=$(date +%s.%N)
  until [ "$(curl -sf -u bench:bench "$LEDGER/api/v1/webhooks/$WEBHOOK" | jq '.lag')" = 0 ]; do sleep 0.2; done
  awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}
stats() { curl -sf "$RECEIVER/stats"; }

echo "== 1. grants at $RATE/s for ${DURATION}s, the receiver up"
grants live "$DURATION"
LIVE_RPS=$WRK_RPS
caught_up >/dev/null
LIVE=$(stats | jq -c '{changes, deliveries, p50_ms, p99_ms, max_ms, again_after_2xx, out_of_order, bad_signatures}')
echo "grants $LIVE_RPS/s; receiver: $LIVE"

echo "== 2. the receiver away for ${DOWN}s while grants go on at $RATE/s"
curl -sf -X POST "$RECEIVER/down?seconds=$DOWN" >/dev/null
grants outage "$DOWN"
OUTAGE_RPS=$WRK_RPS
CATCH_UP=$(caught_up)
FINAL=$(stats)
# Every change of the feed since the subscriber's start, in the feed's order.
expected=()
after=$START
while :; do
  page=$(curl -sf -u bench:bench "$LEDGER/api/v1/changes?after=$after&limit=1000")
  mapfile -t batch < <(jq '.changes[].position' <<<"$page")
  [ ${#batch[@]} = 0 ] && break
  expected+=("${batch[@]}")
  after=$(jq '.next' <<<"$page")
done
# Webhooks deliver in the feed's order: compare the sets, and count the order separately (0 expected).
received=$(jq -r '.positions | sort | join(" ")' <<<"$FINAL")
if [ "$received" = "${expected[*]}" ]; then same="every change of the feed, once"
else same="DIFFERENT from the feed (${#expected[@]} expected, $(jq '.positions | length' <<<"$FINAL") received)"; fi
echo "grants meanwhile $OUTAGE_RPS/s; back after ${DOWN}s, caught up in ${CATCH_UP}s; $same;" \
  "again after a 2xx: $(jq .again_after_2xx <<<"$FINAL"), after a higher position: $(jq .out_of_order <<<"$FINAL")," \
  "bad signatures: $(jq .bad_signatures <<<"$FINAL")"
echo "| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | $LIVE_RPS | $(jq -r '"\(.p50_ms) / \(.p99_ms) ms (max \(.max_ms), \(.changes) changes in \(.deliveries) deliveries)"' <<<"$LIVE") | ${DOWN} s at $OUTAGE_RPS grants/s: caught up ${CATCH_UP} s after; $same; $(jq .out_of_order <<<"$FINAL") after a higher position, $(jq .again_after_2xx <<<"$FINAL") again after a 2xx |"
