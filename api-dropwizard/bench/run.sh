#!/usr/bin/env bash
# API benchmark (docs/benchmarks.md, section "API"): wrk on loopback against the real service with its embedded
# PostgreSQL and Redis, 32 connections. In one run of one server process it measures
#   1. the metered, authenticated GET /v1/in_life_data/{vin} (JWT check, user lookup, plan, Redis admission script,
#      PostgreSQL query, call-log row), and
#   2. the unauthenticated GET /v1/health (the ceiling: the same HTTP stack, no per-request work).
# Usage: api-dropwizard/bench/run.sh [seconds per measurement, default 30]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${1:-30}"
CONNECTIONS=32
THREADS=2
BENCH="$ROOT/api-dropwizard/target/bench"
BASE="http://127.0.0.1:4100/v1"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "bench: wrk is required (Debian: apt-get install wrk)" >&2
    exit 1
  fi
fi

echo "bench: building api-dropwizard..." >&2
./mvnw -B -q -DskipTests -pl api-dropwizard -am package
JAR="$(ls "$ROOT"/api-dropwizard/target/api-dropwizard-*.jar | head -n 1)"
CP="$JAR:$ROOT/api-dropwizard/target/lib/*"

rm -rf "$BENCH"
mkdir -p "$BENCH"
# BENCH_JAVA_OPTS: e.g. -Ddw.auth.user_cache_ttl=5s (any configuration key as -Ddw.KEY=VALUE)
# shellcheck disable=SC2086
"$JAVA" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" com.evalue.api.EValueApi api api-dropwizard/bench/bench.yml >"$BENCH/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "Try it" "$BENCH/server.log" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$BENCH/server.log" >&2; exit 1; }
  sleep 1
done
KEY="$(sed -n 's/.*shown once): //p' "$BENCH/server.log" | head -n 1)"
VIN="$(sed -n 's/.*demo vehicle //p' "$BENCH/server.log" | head -n 1)"
[ -n "$KEY" ] && [ -n "$VIN" ] || { echo "bench: server did not start" >&2; cat "$BENCH/server.log" >&2; exit 1; }

# the demo user gets a plan whose daily limits the benchmark cannot reach (api.md §4.2 custom overrides)
"$JAVA" -cp "$CP" com.evalue.api.EValueApi billing assign-plan --email demo@evalue.local \
  --requests-limit 1000000000 --vins-limit 1000000 api-dropwizard/bench/bench.yml >/dev/null
TOKEN="$(curl -s -X POST "$BASE/auth/token" -H 'Content-Type: application/json' -d "{\"api_key\":\"$KEY\"}" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/in_life_data/$VIN")"
[ "$STATUS" = 200 ] || { echo "bench: metered endpoint answered $STATUS" >&2; exit 1; }

cat >"$BENCH/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

# CPU seconds (user + system) of the server JVM, its PostgreSQL (postmaster and backends) and its Redis: the cost per
# request independent of what else runs on the machine.
cpu_ticks() {
  local pids="$SERVER" pm t=0 p
  pm="$(pgrep -f "postgres -D $BENCH/data/postgres" | head -n 1 || true)"
  [ -n "$pm" ] && pids="$pids $pm $(pgrep -P "$pm" | tr '\n' ' ')"
  pids="$pids $(pgrep -P "$SERVER" redis-server | tr '\n' ' ')"
  for p in $pids; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
run() { # name url [script]
  local name=$1 url=$2 script=${3:-} before after
  before="$(cpu_ticks)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url" >"$BENCH/$name.txt"
  after="$(cpu_ticks)"
  echo "cpu_ticks $((after - before)) $(getconf CLK_TCK)" >>"$BENCH/$name.txt"
}
summary() { # name
  local f="$BENCH/$1.txt"
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' "$f")"
  p50="$(awk '$1 == "50%" {print $2}' "$f")"
  p99="$(awk '$1 == "99%" {print $2}' "$f")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$f")"
  cpu="$(awk '/requests in/ {n = $1} /cpu_ticks/ {t = $2; hz = $3} END {printf "%.0f", t / hz * 1e6 / n}' "$f")"
  printf '%-22s %9s req/s  p50 %-8s p99 %-9s non-2xx %-4s CPU/request %s µs (API+PostgreSQL+Redis)\n' \
    "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" "$cpu"
}

echo "bench: warm-up (JIT)..." >&2
DURATION=20 run warmup-metered "$BASE/in_life_data/$VIN" "$BENCH/auth.lua"
DURATION=10 run warmup-trivial "$BASE/health"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: measuring ${DURATION}s each, $CONNECTIONS connections, $THREADS wrk threads..." >&2
run metered-in_life_data "$BASE/in_life_data/$VIN" "$BENCH/auth.lua"
run trivial-health "$BASE/health"

echo
echo "API benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1)"
echo "server options: ${BENCH_JAVA_OPTS:-defaults}"
echo "load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores)"
summary metered-in_life_data
summary trivial-health
awk -v m="$(awk '/Requests\/sec/ {print $2}' "$BENCH/metered-in_life_data.txt")" \
    -v t="$(awk '/Requests\/sec/ {print $2}' "$BENCH/trivial-health.txt")" \
    'BEGIN { printf "metered / trivial = %.2f\n", m / t }'
echo "raw wrk output: ${BENCH#$ROOT/}/*.txt"
