#!/usr/bin/env bash
# Benchmark (issue 12): the consent check in bulk, POST /api/v1/consents/check with 10,000 contact ids, on a running
# ledger: p50 and p99 of the whole request (wrk, client side, HTTP and JSON included). The goal: p99 <= 200 ms.
# Registers the contacts bench-(FROM+1) .. bench-BULK_SIZE it needs (bench/run.sh registered bench-1 .. bench-CONTACTS
# and granted some of them e-marketing), warms up, measures, and prints one line for bench/run.sh to read:
#   BULK_RPS=<checks/s> BULK_P50=<p50> BULK_P99=<p99> BULK_ERR=<non-2xx + socket errors>
#
#   bench/bulk-check.sh                                    # against the ledger of bench/run.sh (port 18080)
#   LEDGER=http://localhost:8080 BENCH_USER=admin:secret FROM=0 BULK_SIZE=50 DURATION=2 BULK_WARMUP=1 bench/bulk-check.sh
#                                                          # does it work (figures meaningless)
#
# Environment (defaults in brackets):
#   LEDGER [http://localhost:18080]   the ledger's base URL; BENCH_USER [bench:bench] an INTEGRATOR's user:password
#   BULK_SIZE [10000]     contact ids per request; FROM [2000] contacts bench-1 .. bench-FROM exist already
#   BULK_CLIENTS [2]      connections (each sends its next request when the last is answered)
#   DURATION [30]         seconds measured; BULK_WARMUP [10] seconds of the same requests before (the JIT)
#   OUT [bench/results]   raw outputs (wrk-bulk-check.txt)
# Needs: wrk, curl, and a ledger (bench/run.sh starts one on PostgreSQL). Never on a busy machine: it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

LEDGER=${LEDGER:-http://localhost:18080}
BENCH_USER=${BENCH_USER:-bench:bench}
BULK_SIZE=${BULK_SIZE:-10000}
FROM=${FROM:-2000}
BULK_CLIENTS=${BULK_CLIENTS:-2}
DURATION=${DURATION:-30}
BULK_WARMUP=${BULK_WARMUP:-10}
OUT=${OUT:-bench/results}
AUTH="Basic $(printf '%s' "$BENCH_USER" | base64 -w0)"
mkdir -p "$OUT"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
[[ $BULK_SIZE =~ ^[0-9]+$ && $BULK_SIZE -ge 1 && $BULK_SIZE -le 10000 ]] || die "BULK_SIZE: 1 to 10000, not '$BULK_SIZE'"
curl -sf -o /dev/null "$LEDGER/actuator/health/readiness" || die "no ledger ready at $LEDGER"

if [ "$BULK_SIZE" -gt "$FROM" ]; then
  echo "registering contacts bench-$((FROM + 1)) .. bench-$BULK_SIZE" >&2
  seq $((FROM + 1)) "$BULK_SIZE" | xargs -P 8 -I{} curl -sf -o /dev/null -u "$BENCH_USER" \
    -H 'Content-Type: application/json' "$LEDGER/api/v1/contacts" \
    -d '{"contactId":"bench-{}","name":"Bench Person","email":"bench@example.com","sourceId":"import"}' \
    || die "registering the contacts on $LEDGER failed"
fi
# One request first: it must answer 200 with one result per id, else the figures mean nothing.
count=$(curl -sf -u "$BENCH_USER" -H 'Content-Type: application/json' "$LEDGER/api/v1/consents/check?wait=true" \
  -d "{\"purposeId\":\"e-marketing\",\"contactIds\":[$(seq -f '"bench-%g"' -s, 1 "$BULK_SIZE")]}" \
  | grep -o '"contactId"' | wc -l) || die "the check in bulk failed on $LEDGER"
[ "$count" = "$BULK_SIZE" ] || die "the check in bulk answered $count results for $BULK_SIZE ids"

echo "== the check in bulk, $BULK_SIZE ids per request, $BULK_CLIENTS clients: ${BULK_WARMUP}s warm-up, ${DURATION}s" >&2
BENCH_BULK_SIZE=$BULK_SIZE BENCH_AUTH=$AUTH bench_run /dev/null \
  wrk -t1 -c"$BULK_CLIENTS" -d"${BULK_WARMUP}s" --timeout 10s -s bench/bulk-check.lua "$LEDGER" \
  || die "the warm-up failed"
BENCH_BULK_SIZE=$BULK_SIZE BENCH_AUTH=$AUTH bench_run "$OUT/wrk-bulk-check.txt" \
  wrk -t1 -c"$BULK_CLIENTS" -d"${DURATION}s" --timeout 10s --latency -s bench/bulk-check.lua "$LEDGER" \
  || die "wrk failed; see $OUT/wrk-bulk-check.txt"
wrk_figures "$OUT/wrk-bulk-check.txt"
echo "BULK_RPS=$WRK_RPS BULK_P50=$WRK_P50 BULK_P99=$WRK_P99 BULK_ERR=$((WRK_NON2XX + WRK_SOCKERR))"
