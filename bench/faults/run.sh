#!/usr/bin/env bash
# bench/faults/run.sh: kinerjabot's fault suite (issue 8; see bench/README.md
# and docs/reliability.md). It builds kinerjabot, the load generator, the
# fault runner and bench/wabot, runs each scenario against the real binary (a private
# redis-server per scenario, never the shared one on 6379), checks the store
# after each, and writes docs/reliability.md.
#
#   bash bench/faults/run.sh                       # every scenario, about 10 minutes
#   FAULTS=crash,store bash bench/faults/run.sh    # some of them (replay, crash, crash-embedded, crash-replicas, redis, sentinel-failover, store, store-all, concurrency, whatsapp)
#   FAULTS_QUICK=1 bash bench/faults/run.sh        # short runs while developing
#
# Settings (environment): FAULTS (all), FAULTS_QUICK (0), FAULTS_OUT
# (docs/reliability.md; empty: no report), FAULTS_WORK (a directory for
# binaries, runs and results, default $TMPDIR/kinerjabot-faults),
# FAULTS_REDIS_PORT (6471: the first port tried for the private Redis).
# Exit status 1 when a scenario fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${FAULTS_WORK:-${TMPDIR:-/tmp}/kinerjabot-faults}
QUICK=()
if [[ ${FAULTS_QUICK:-0} == 1 ]]; then QUICK=(-quick); fi
mkdir -p "$WORK"
say() { printf '%s faults: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

command -v redis-server >/dev/null || { say "redis-server is needed"; exit 1; }
say "building kinerjabot, loadgen, faults and wabot into $WORK"
go build -o "$WORK/kinerjabot" ./cmd/kinerjabot
go build -o "$WORK/loadgen" ./bench/loadgen
go build -o "$WORK/faults" ./bench/faults
go build -o "$WORK/wabot" ./bench/wabot
# The photos are made once, outside any run.
"$WORK/loadgen" photos -photo-dir "$WORK/photos"

exec "$WORK/faults" run -scenario "${FAULTS:-all}" -work "$WORK" -out "${FAULTS_OUT-docs/reliability.md}" \
  -redis-port "${FAULTS_REDIS_PORT:-6471}" "${QUICK[@]}"
