#!/usr/bin/env bash
# bench/embedded.sh: what the embedded conversation state costs (issue: durable
# embedded state). kinerjabot runs the load benchmark's flow (bench/run.sh,
# loadgen) with its conversation state in three places, one after another at
# each load: a private redis-server (REDIS_URL, append-only file fsynced every
# second, as docker-compose.yml runs it), the in-process server journaled in
# DATA_DIR (no REDIS_URL: the default), and the in-process server in memory
# only (CONVERSATION_JOURNAL=off). It prints a Markdown table.
#
#   bash bench/embedded.sh                     # 1, 10 and 50 users, 20 s each, about 5 minutes
#
# Settings (environment): EMB_USERS ("1 10 50"), EMB_DURATION (20s),
# EMB_WARMUP (5s), EMB_WORK ($TMPDIR/kinerjabot-embedded), EMB_REDIS_PORT
# (6395, a private redis-server started and stopped here).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${EMB_USERS:-"1 10 50"}
DURATION=${EMB_DURATION:-20s}
WARMUP=${EMB_WARMUP:-5s}
WORK=${EMB_WORK:-${TMPDIR:-/tmp}/kinerjabot-embedded}
PORT=${EMB_REDIS_PORT:-6395}
say() { printf '%s embedded: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

rm -rf "$WORK/results" "$WORK/runs"
mkdir -p "$WORK/results" "$WORK/runs" "$WORK/redis"
say "building kinerjabot and the load generator into $WORK"
go build -o "$WORK/kinerjabot" ./cmd/kinerjabot
go build -o "$WORK/loadgen" ./bench/loadgen
"$WORK/loadgen" photos -photo-dir "$WORK/photos"

redis-server --port "$PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes --appendfsync everysec --save "" \
  --daemonize yes --pidfile "$WORK/redis/redis.pid" --logfile "$WORK/redis/redis.log"
for _ in $(seq 50); do
  [[ -s $WORK/redis/redis.pid ]] && redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
trap 'kill "$(cat "$WORK/redis/redis.pid")" 2>/dev/null || true' EXIT

COMMON=(-bot kinerjabot -bin "$WORK/kinerjabot" -duration "$DURATION" -warmup "$WARMUP" -per-supervisor 50
  -step-timeout 15s -photo-dir "$WORK/photos")
one() { # label, users, then loadgen arguments
  local label=$1 users=$2
  shift 2
  say "$label, $users users"
  "$WORK/loadgen" "${COMMON[@]}" -users "$users" -label "$label" -work "$WORK/runs/$label-$users" \
    -out "$WORK/results/$label-$users.json" "$@" >"$WORK/runs/$label-$users.txt" 2>&1 || say "FAILED: see $WORK/runs/$label-$users.txt"
  tail -1 "$WORK/runs/$label-$users.txt" >&2
}
for u in $USERS; do
  one "Redis (REDIS_URL)" "$u" -redis "redis://127.0.0.1:$PORT/0" -flushdb
  one "embedded, journaled" "$u" -redis ""
  one "embedded, memory only" "$u" -redis "" -bot-env CONVERSATION_JOURNAL=off
done
"$WORK/loadgen" table "$WORK"/results/*.json
