#!/usr/bin/env bash
# Redis's own scale-out engines on loopback, for the tests of issue #21:
# a three-master Redis Cluster and a master with one replica watched by
# three sentinels (Debian's redis-server and redis-sentinel).
#
#   eval "$(.ci/redis-engines.sh up)"   start them (or find them up), print
#                                       the test settings to export:
#                                       KINERJA_TEST_REDIS_CLUSTER=host:port,…
#                                       KINERJA_TEST_REDIS_SENTINEL=master@host:port,…
#   .ci/redis-engines.sh down           stop them and delete their data
#
# Ports: REDIS_ENGINES_PORT (default 7100) + 1..3 (cluster), + 11 (master),
# + 12 (replica), + 21..23 (sentinels). Data under REDIS_ENGINES_DIR
# (default $TMPDIR/kinerja-redis-engines-$PORT), each server's in its own
# 0700 directory. Idempotent: "up" twice reuses what answers.
set -euo pipefail

base=${REDIS_ENGINES_PORT:-7100}
dir=${REDIS_ENGINES_DIR:-${TMPDIR:-/tmp}/kinerja-redis-engines-$base}
master=kbmaster
cluster_ports=($((base + 1)) $((base + 2)) $((base + 3)))
master_port=$((base + 11))
replica_port=$((base + 12))
sentinel_ports=($((base + 21)) $((base + 22)) $((base + 23)))

log() { echo "redis-engines: $*" >&2; }
ping() { redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; }
wait_for() { # description, command…
  local what=$1; shift
  for _ in $(seq 1 100); do "$@" && return 0; sleep 0.1; done
  log "timed out waiting for $what"; return 1
}

# server port [extra redis-server arguments…]: start one server in its
# directory unless something answers on the port already.
server() {
  local port=$1; shift
  ping "$port" && return 0
  mkdir -p "$dir/$port" && chmod 0700 "$dir/$port"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir/$port" --daemonize yes \
    --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log" \
    --save "" --appendonly no "$@" >/dev/null
  wait_for "redis on $port" ping "$port"
}

sentinel() {
  local port=$1
  ping "$port" && return 0
  mkdir -p "$dir/$port" && chmod 0700 "$dir/$port"
  cat >"$dir/$port/sentinel.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir/$port
daemonize yes
pidfile $dir/$port/sentinel.pid
logfile $dir/$port/sentinel.log
sentinel monitor $master 127.0.0.1 $master_port 2
sentinel down-after-milliseconds $master 1000
sentinel failover-timeout $master 5000
sentinel parallel-syncs $master 1
CONF
  redis-sentinel "$dir/$port/sentinel.conf" >/dev/null
  wait_for "sentinel on $port" ping "$port"
}

cluster_ok() { redis-cli -p "${cluster_ports[0]}" cluster info 2>/dev/null | grep -q 'cluster_state:ok'; }

up() {
  command -v redis-sentinel >/dev/null || {
    log "installing redis-sentinel"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-sentinel >/dev/null
  }
  mkdir -p "$dir" && chmod 0700 "$dir"
  for p in "${cluster_ports[@]}"; do
    server "$p" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000
  done
  if ! cluster_ok; then
    local addrs=()
    for p in "${cluster_ports[@]}"; do addrs+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
    wait_for "the cluster" cluster_ok
  fi
  server "$master_port"
  server "$replica_port" --replicaof 127.0.0.1 "$master_port"
  for p in "${sentinel_ports[@]}"; do sentinel "$p"; done
  wait_for "the sentinels to agree on the master" \
    bash -c "redis-cli -p ${sentinel_ports[0]} sentinel get-master-addr-by-name $master | grep -q ."
  local c s
  c=$(printf '127.0.0.1:%s,' "${cluster_ports[@]}")
  s=$(printf '127.0.0.1:%s,' "${sentinel_ports[@]}")
  log "up: cluster ${c%,}; sentinel $master@${s%,} (data in $dir)"
  echo "export KINERJA_TEST_REDIS_CLUSTER=${c%,}"
  echo "export KINERJA_TEST_REDIS_SENTINEL=$master@${s%,}"
}

down() {
  [[ -d $dir ]] || return 0
  local pid
  for f in "$dir"/*/sentinel.pid "$dir"/*/redis.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
  done
  for f in "$dir"/*/sentinel.pid "$dir"/*/redis.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$dir"
  log "down"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
