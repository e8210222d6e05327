#!/usr/bin/env bash
# How fast the projections process events, end to end on PostgreSQL: migrates a fresh database with the jar, stops
# it, inserts CONTACTS contacts' events straight into the event table (a registration, a consent and its withdrawal
# each, without personal data), starts the jar, times how long the projections take to catch up, then rebuilds the
# legal-basis and history projections over the API and reports each rebuild's pace (events per second).
#
#   CONTACTS=20000 bench/projection-rebuild.sh
#   JAR=/tmp/old/consent-app/target/consent-app.jar bench/projection-rebuild.sh   # another build, to compare
#
# Needs PostgreSQL on localhost:5432 (user PGUSER, default postgres), curl, jq, and the jar
# (./mvnw -DskipTests package).
set -uo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${CONTACTS:-20000}
PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18182}
DB=consent_rebuild
DATA=$(mktemp -d)
JAR=${JAR:-consent-app/target/consent-app.jar}
ADMIN=admin:rebuild-secret
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

sql() { psql -h localhost -U "$PGUSER" -d $DB -tAc "$1"; }
start() {
  CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
    java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --consent.data-dir="$DATA" \
    --consent.security.users[0].username=admin --consent.security.users[0].password='{noop}rebuild-secret' \
    --consent.security.users[0].roles=ADMIN > "$DATA/$1.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && return; sleep 1; done
  echo "the service did not start; see $DATA/$1.log" >&2
  exit 1
}
events() {
  local seq=$1 type=$2 payload=$3
  sql "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
         payloadRevision, payloadType, timeStamp)
       SELECT 'bench-' || n, $seq, 'ContactLedger', md5(random()::text || n || '-$seq'),
         convert_to('{\"actor\":\"crm-sync\",\"actorRole\":\"INTEGRATOR\",\"channel\":\"api\"}', 'UTF8'),
         convert_to($payload, 'UTF8'), '1', 'io.consentledger.api.$type',
         to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
       FROM generate_series(1, $CONTACTS) n" >/dev/null
}
caught_up() {
  local newest=$1
  [ "$(sql "SELECT COUNT(*) FROM TokenEntry WHERE processorName IN ('catalog', 'legal-basis', 'history')
            AND substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')::bigint >= $newest")" = 3 ]
}

psql -h localhost -U "$PGUSER" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
psql -h localhost -U "$PGUSER" -qc "CREATE DATABASE $DB" >/dev/null
start first
kill $APP; wait $APP 2>/dev/null
events 0 contact.ContactRegistered "'{\"contactId\":\"bench-' || n || '\",\"name\":null,\"email\":null,\"sourceId\":\"import\",\"sourceDetail\":null,\"locale\":\"en\"}'"
events 1 consent.ConsentGranted "'{\"contactId\":\"bench-' || n || '\",\"purposeId\":\"e-marketing\",\"purposeVersion\":1,\"sourceId\":\"web-form\",\"sourceDetail\":null,\"capturedAt\":null,\"validUntil\":null,\"evidence\":null}'"
events 2 consent.ConsentWithdrawn "'{\"contactId\":\"bench-' || n || '\",\"purposeId\":\"e-marketing\",\"purposeVersion\":1,\"sourceId\":\"email\",\"reason\":null}'"
NEWEST=$(sql "SELECT MAX(globalIndex) FROM DomainEventEntry")
start second
BEGIN=$(date +%s.%N)
until caught_up "$NEWEST"; do sleep 0.5; done
echo "caught up on $((CONTACTS * 3)) events in $(echo "$(date +%s.%N) - $BEGIN" | bc | cut -c1-5) s"
for projection in legal-basis history; do
  curl -sf -u "$ADMIN" -X POST "http://localhost:$PORT/api/v1/admin/projections/$projection/replay" >/dev/null
  until curl -sf -u "$ADMIN" "http://localhost:$PORT/api/v1/admin/projections" \
      | jq -e ".[] | select(.name == \"$projection\") | (.replaying | not) and .position >= .total" >/dev/null; do
    sleep 0.5
  done
  curl -sf -u "$ADMIN" "http://localhost:$PORT/api/v1/admin/projections" \
    | jq -r ".[] | select(.name == \"$projection\") | \"rebuilt \(.name): \(.eventsPerSecond) events/s\""
done
kill $APP; wait $APP 2>/dev/null
