# Helpers shared by bench/run.sh and bench/multi-node.sh (sourced, not run).

BENCH_PIDS=()

# Stops every process this script started (services, background wrk, the lag probe), newest first.
bench_cleanup() {
  local i pid
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${BENCH_PIDS[$i]}
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
}

# Runs a command in the background with its output in a log; its pid in $! and in BENCH_PIDS.
bench_spawn() {
  local log=$1
  shift
  "$@" > "$log" 2>&1 &
  BENCH_PIDS+=("$!")
}

# Forgets a process that ended (so that the clean-up never signals a pid the system may have reused).
bench_forget() {
  local kept=() pid
  for pid in "${BENCH_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  BENCH_PIDS=("${kept[@]}")
}

# Waits for a process started with bench_spawn to end by itself; its exit status.
bench_wait() {
  local status=0
  wait "$1" || status=$?
  bench_forget "$1"
  return "$status"
}

# Runs a command in the background and waits for it (so that a signal to this script stops it at once, not after
# the command); its output in a log, its exit status.
bench_run() {
  local log=$1
  shift
  bench_spawn "$log" "$@"
  bench_wait "$!"
}

# Stops one process started with bench_spawn and waits for it.
bench_stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  bench_forget "$1"
}

die() {
  echo "$*" >&2
  exit 1
}

# Waits until URL answers with any HTTP status (curl's 000 means no answer), up to 120 s; fails loudly, with the
# log's tail, when the process died or never answered.
bench_wait_http() {
  local url=$1 pid=$2 log=$3 code
  for _ in $(seq 1 240); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)
    # A health URL counts once it says UP (readiness answers 503 between Tomcat's start and the application's);
    # any other URL once it answers at all.
    case "$url" in
      */actuator/health*) [ "$code" = 200 ] && return 0 ;;
      *) case "$code" in 000 | "") ;; *) return 0 ;; esac ;;
    esac
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      die "the service ($url) stopped during start-up; its log: $log"
    fi
    sleep 0.5
  done
  tail -n 30 "$log" >&2 || true
  die "the service did not answer at $url within 120 s; its log: $log"
}

# Figures from a wrk --latency output: WRK_RPS WRK_P50 WRK_P99 WRK_NON2XX WRK_SOCKERR WRK_REQUESTS.
wrk_figures() {
  local file=$1
  WRK_RPS=$(grep -oP 'Requests/sec:\s*\K[0-9.]+' "$file" || echo 0)
  WRK_P50=$(grep -oP '^\s+50%\s+\K\S+' "$file" || echo -)
  WRK_P99=$(grep -oP '^\s+99%\s+\K\S+' "$file" || echo -)
  WRK_NON2XX=$(grep -oP 'Non-2xx or 3xx responses: \K[0-9]+' "$file" || echo 0)
  WRK_SOCKERR=$(awk '/Socket errors:/ { gsub(/[^0-9]+/, " "); for (i = 1; i <= NF; i++) s += $i } END { print s + 0 }' "$file")
  WRK_REQUESTS=$(grep -oP '^\s*\K[0-9]+(?= requests in)' "$file" || echo 0)
}

# The tps of a pgbench output.
pgbench_tps() {
  grep -oP 'tps = \K[0-9.]+(?= \(without initial connection time\))' "$1" || die "no tps in $1"
}

# CPU time (clock ticks) a process and its threads used so far.
proc_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# "busy total" clock ticks of the whole machine so far.
machine_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

# Cores used: ticks / (seconds * CLK_TCK).
cores() {
  awk -v t="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (s > 0) printf "%.2f", t / s / hz; else print "-" }'
}

# a / b, formatted with printf format f (default %.2f); "-" when either is missing or b is 0.
ratio() {
  awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0) print "-"; else printf f, a / b }'
}

# Registers contacts bench-1 .. bench-N (PREFIX1 .. PREFIXN with a fourth argument) on the ledger at BASE (8 requests
# at a time); fails on any refusal.
register_contacts() {
  local base=$1 count=$2 user=$3 prefix=${4:-bench-}
  seq 1 "$count" | xargs -P 8 -I{} curl -sf -o /dev/null -u "$user" -H 'Content-Type: application/json' \
    "$base/api/v1/contacts" \
    -d '{"contactId":"'"$prefix"'{}","name":"Bench Person","email":"bench@example.com","sourceId":"import"}' \
    || die "registering the contacts on $base failed"
}
