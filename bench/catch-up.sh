#!/usr/bin/env bash
# How a node with a small heap catches up on a large backlog: migrates a fresh PostgreSQL database with the jar, stops
# it, inserts EVENTS events straight into the event table (a payload no handler takes), starts the jar with -Xmx$HEAP
# and reports every 2 s how far each processor's token is, until all are at the newest event or the JVM dies.
#
#   HEAP=256m EVENTS=200000 bench/catch-up.sh
#   LIVE=1 bench/catch-up.sh      # insert the backlog while the node runs
#   JAVA_OPTS=-Doptimize-event-consumption=false bench/catch-up.sh
#
# Needs PostgreSQL on localhost:5432 (user PGUSER, default postgres) and the jar (./mvnw -DskipTests package).
set -uo pipefail
cd "$(dirname "$0")/.."

HEAP=${HEAP:-256m}
EVENTS=${EVENTS:-200000}
PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18181}
DB=consent_catch_up
DATA=$(mktemp -d)
JAR=consent-app/target/consent-app.jar
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

sql() { psql -h localhost -U "$PGUSER" -d $DB -tAc "$1"; }
start() {
  CONSENT_DB_URL="jdbc:postgresql://localhost:5432/$DB" CONSENT_DB_USER="$PGUSER" CONSENT_DB_PASSWORD="${PGPASSWORD:-}" \
    java -Xmx"$HEAP" ${JAVA_OPTS:-} -XX:+ExitOnOutOfMemoryError -jar "$JAR" --server.port="$PORT" --consent.data-dir="$DATA" \
    > "$DATA/$1.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 90); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && return; sleep 1; done
  echo "the service did not start; see $DATA/$1.log" >&2
  exit 1
}
backlog() {
  sql "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
         payloadRevision, payloadType, timeStamp)
       SELECT 'noise-' || n, 0, 'Source', md5(random()::text || n),
         convert_to('{\"actor\":\"system\",\"channel\":\"system\"}', 'UTF8'),
         convert_to('{\"sourceId\":\"noise-' || n || '\"}', 'UTF8'), NULL, 'io.consentledger.api.source.RetireSource',
         to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
       FROM generate_series(1, $EVENTS) n" >/dev/null
}

psql -h localhost -U "$PGUSER" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
psql -h localhost -U "$PGUSER" -qc "CREATE DATABASE $DB" >/dev/null
start first
if [ -n "${LIVE:-}" ]; then
  backlog
else
  kill $APP; wait $APP 2>/dev/null
  backlog
  start second
fi
BEGIN=$(date +%s)
NEWEST=$(sql "SELECT MAX(globalIndex) FROM DomainEventEntry")
echo "$EVENTS events in the backlog, newest at $NEWEST, heap $HEAP"
while sleep 2; do
  if ! kill -0 $APP 2>/dev/null; then
    echo "the JVM died after $(( $(date +%s) - BEGIN )) s:"; grep -m3 -i "OutOfMemory" "$DATA"/*.log; exit 1
  fi
  sql "SELECT processorName || '=' || substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')
       FROM TokenEntry ORDER BY processorName" | tr '\n' ' '
  echo "($(( $(date +%s) - BEGIN )) s)"
  BEHIND=$(sql "SELECT COUNT(*) FROM TokenEntry
                WHERE substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')::bigint < $NEWEST")
  if [ "$BEHIND" = 0 ]; then echo "all caught up after $(( $(date +%s) - BEGIN )) s"; break; fi
done
kill $APP; wait $APP 2>/dev/null
