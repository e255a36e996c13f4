#!/usr/bin/env bash
# bench/run.sh: the load benchmark of kinerjabot against a grammY bot doing
# the same flow (see bench/README.md). It builds kinerjabot and the load
# generator, installs the grammY bot's dependencies, runs both bots one at a
# time at 1, 10, 50 and 200 users (3 runs each, each with a fresh Redis
# database and DATA_DIR), and writes docs/benchmarks.md with the medians.
#
#   bash bench/run.sh                 # the full run, about 15 minutes
#   BENCH_QUICK=1 bash bench/run.sh   # one short run per point, about 3 minutes
#
# Settings (environment): BENCH_USERS ("1 10 50 200"), BENCH_RUNS (3),
# BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_OUT (docs/benchmarks.md),
# BENCH_WORK (a directory for binaries and results, default
# $TMPDIR/kinerjabot-bench), BENCH_REDIS_PORT (6390: a private redis-server
# started and stopped here), BENCH_REDIS_URL (use that Redis instead; it must
# serve nothing else, as INFO commandstats counts every client),
# BENCH_MAX_LOAD (1.5: wait, up to BENCH_LOAD_WAIT seconds (300), while the
# 1-minute load average is above it), BENCH_API_DELAY (50ms, for the
# slow-Bot-API runs; 0 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=${BENCH_QUICK:-0}
USERS=${BENCH_USERS:-"1 10 50 200"}
RUNS=${BENCH_RUNS:-3}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
TRIPS_DURATION=10s
API_DELAY=${BENCH_API_DELAY:-50ms}
APIDELAY_USERS=50
if [[ $QUICK == 1 ]]; then
  RUNS=1 DURATION=${BENCH_DURATION:-6s} WARMUP=${BENCH_WARMUP:-2s} TRIPS_DURATION=4s
fi
OUT=${BENCH_OUT:-docs/benchmarks.md}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/kinerjabot-bench}
MAX_LOAD=${BENCH_MAX_LOAD:-1.5}
LOAD_WAIT=${BENCH_LOAD_WAIT:-300}
PER_SUP=50
STEP_TIMEOUT=15s

mkdir -p "$WORK"
rm -rf "$WORK/results" "$WORK/runs"
mkdir -p "$WORK/results" "$WORK/runs"
META=$WORK/meta.txt
: >"$META"
meta() { printf '%s=%s\n' "$1" "$2" >>"$META"; }
say() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# --- Redis of our own (INFO commandstats counts every client of a server) ---
REDIS_PID=
if [[ -n ${BENCH_REDIS_URL:-} ]]; then
  REDIS_URL=$BENCH_REDIS_URL
  FLUSH=()
  say "using Redis at $REDIS_URL (keys under a fresh prefix per run)"
else
  PORT=${BENCH_REDIS_PORT:-6390}
  REDIS_URL=redis://127.0.0.1:$PORT/0
  redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --dir "$WORK"
  for _ in $(seq 50); do
    [[ -s $WORK/redis.pid ]] && redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  REDIS_PID=$(cat "$WORK/redis.pid")
  FLUSH=(-flushdb)
  say "started redis-server on port $PORT (pid $REDIS_PID)"
fi
cleanup() {
  if [[ -n $REDIS_PID ]]; then kill "$REDIS_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

# --- build ---
say "building kinerjabot and the load generator"
go build -o "$WORK/kinerjabot" ./cmd/kinerjabot
go build -o "$WORK/loadgen" ./bench/loadgen
if [[ ! -d bench/grammy/node_modules || bench/grammy/package-lock.json -nt bench/grammy/node_modules ]]; then
  say "installing the grammY bot's dependencies (npm ci)"
  (cd bench/grammy && npm ci --no-audit --no-fund --loglevel=error)
  touch bench/grammy/node_modules
fi
# Make the photos once, outside any measurement.
"$WORK/loadgen" photos -photo-dir "$WORK/photos"

# --- wait for a quiet machine ---
waited=0
while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l > m) }' && ((waited < LOAD_WAIT)); do
  say "1-minute load $(load1) is above $MAX_LOAD; waiting (${waited}s of ${LOAD_WAIT}s)"
  sleep 15
  waited=$((waited + 15))
done
LOAD_BEFORE="$(load1) ($(uptime | sed 's/.*load average: //'))"
if ((waited > 0)); then LOAD_BEFORE="$LOAD_BEFORE, after waiting ${waited}s"; fi
say "load before: $LOAD_BEFORE"

COMMON=(-redis "$REDIS_URL" "${FLUSH[@]}" -photo-dir "$WORK/photos" -per-supervisor "$PER_SUP" -step-timeout "$STEP_TIMEOUT")
KB=(-bot kinerjabot -bin "$WORK/kinerjabot")
GY=(-bot grammy -grammy-dir bench/grammy)

failed=0
one() { # name, then loadgen arguments
  local name=$1
  shift
  say "$name"
  if ! "$WORK/loadgen" "$@" "${COMMON[@]}" -work "$WORK/runs/$name" -out "$WORK/results/$name.json" \
    >"$WORK/runs/$name.txt" 2>&1; then
    failed=$((failed + 1))
    say "FAILED: $name (see $WORK/runs/$name.txt)"
    tail -5 "$WORK/runs/$name.txt" >&2 || true
  fi
  tail -1 "$WORK/runs/$name.txt" >&2
}

start=$(date +%s)
# Runs interleaved (both bots at each load, then the next load, then the
# next repetition), so that a change in the machine's load hits both.
for r in $(seq "$RUNS"); do
  for u in $USERS; do
    one "kinerjabot-$u-$r" "${KB[@]}" -users "$u" -duration "$DURATION" -warmup "$WARMUP"
    one "grammy-$u-$r" "${GY[@]}" -users "$u" -duration "$DURATION" -warmup "$WARMUP"
  done
done
one "kinerjabot-trips-1" "${KB[@]}" -users 1 -duration "$TRIPS_DURATION" -warmup 2s -round-trips -label trips
one "grammy-trips-1" "${GY[@]}" -users 1 -duration "$TRIPS_DURATION" -warmup 2s -round-trips -label trips
if [[ $API_DELAY != 0 && $QUICK != 1 ]]; then
  one "kinerjabot-apidelay-$APIDELAY_USERS" "${KB[@]}" -users "$APIDELAY_USERS" -duration "$DURATION" -warmup "$WARMUP" -api-delay "$API_DELAY" -label apidelay
  one "grammy-apidelay-$APIDELAY_USERS" "${GY[@]}" -users "$APIDELAY_USERS" -duration "$DURATION" -warmup "$WARMUP" -api-delay "$API_DELAY" -label apidelay
fi
elapsed=$(($(date +%s) - start))

# --- machine facts and the report ---
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta quick "$QUICK"
meta nproc "$(nproc)"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
meta mem "$(free -h | awk '/^Mem:/ { print $2 }')"
meta go "$(go version | awk '{ print "Go " substr($3, 3) }')"
meta node "Node $(node --version | sed 's/^v//')"
meta redis "$(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')"
meta grammy_versions "$(cd bench/grammy && node -e '
  const l = require("./package-lock.json").packages;
  console.log(["grammy", "@grammyjs/conversations", "@grammyjs/storage-redis", "ioredis", "better-sqlite3"]
    .map((n) => n + " " + l["node_modules/" + n].version).join(", "))')"
meta load_before "$LOAD_BEFORE"
meta load_after "$(load1)"
meta runs "$RUNS"
meta duration "$DURATION"
meta warmup "$WARMUP"
meta trips_duration "$TRIPS_DURATION, one run each"
meta api_delay "$API_DELAY"
meta apidelay_runs 1
meta per_supervisor "$PER_SUP"
meta step_timeout "$STEP_TIMEOUT"
meta elapsed "${elapsed}s"
W='$WORK'
meta commands "# bench/run.sh does this ($([[ $QUICK == 1 ]] && echo 'BENCH_QUICK=1, ')runs took ${elapsed}s); WORK=\${TMPDIR:-/tmp}/kinerjabot-bench"
meta commands "go build -o $W/kinerjabot ./cmd/kinerjabot && go build -o $W/loadgen ./bench/loadgen"
meta commands "(cd bench/grammy && npm ci)"
meta commands "redis-server --port ${BENCH_REDIS_PORT:-6390} --bind 127.0.0.1 --save '' --appendonly no --daemonize yes"
meta commands "# for N in $USERS, $RUNS times, each bot in turn:"
meta commands "$W/loadgen -bot kinerjabot -bin $W/kinerjabot -users N -duration $DURATION -warmup $WARMUP -redis $REDIS_URL ${FLUSH[*]} -per-supervisor $PER_SUP -step-timeout $STEP_TIMEOUT -photo-dir $W/photos -out kinerjabot-N.json"
meta commands "$W/loadgen -bot grammy -grammy-dir bench/grammy -users N -duration $DURATION -warmup $WARMUP -redis $REDIS_URL ${FLUSH[*]} -per-supervisor $PER_SUP -step-timeout $STEP_TIMEOUT -photo-dir $W/photos -out grammy-N.json"
meta commands "# Redis round trips: the same with -users 1 -duration $TRIPS_DURATION -warmup 2s -round-trips -label trips"
if [[ $API_DELAY != 0 && $QUICK != 1 ]]; then
  meta commands "# slow Bot API: the same with -users $APIDELAY_USERS -api-delay $API_DELAY -label apidelay"
fi
meta commands "$W/loadgen report -out $OUT -meta $W/meta.txt $W/results/*.json"

shopt -s nullglob
results=("$WORK"/results/*.json)
if ((${#results[@]} == 0)); then
  say "no run succeeded"
  exit 1
fi
"$WORK/loadgen" report -out "$OUT" -meta "$META" "${results[@]}"
say "done in ${elapsed}s of runs; $failed failed; results in $WORK/results"
((failed == 0))
