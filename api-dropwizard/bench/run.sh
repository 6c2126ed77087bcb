#!/usr/bin/env bash
# API benchmark (docs/benchmarks.md, section "API"): wrk on loopback against the real service with its embedded
# PostgreSQL and Redis, 32 connections. In one run of one server process it measures
#   1. the metered, authenticated GET /v1/in_life_data/{vin} (JWT check, user state and plan (cached), Redis admission
#      script, PostgreSQL query, call-log row), and
#   2. the unauthenticated GET /v1/health (the ceiling: the same HTTP stack, no per-request work), and
#   3. for the cost split, GET /v1/in_life_data/check-eligibility/{vin}: authenticated, the same PostgreSQL
#      statement, not metered (no Redis, no call-log row).
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

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)" # before this benchmark adds its own load
echo "bench: building api-dropwizard..." >&2
./mvnw -B -o -q -DskipTests -pl api-dropwizard -am package
JAR="$(ls "$ROOT"/api-dropwizard/target/api-dropwizard-*.jar | head -n 1)"
CP="$JAR:$ROOT/api-dropwizard/target/lib/*"

rm -rf "$BENCH"
mkdir -p "$BENCH"
# BENCH_JAVA_OPTS: e.g. -Ddw.auth.user_cache_ttl=0s (any configuration key as -Ddw.KEY=VALUE, or JVM flags)
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

# CPU seconds (user + system) of the server JVM, of its PostgreSQL (postmaster and backends) and of its Redis: the
# cost per request, much less dependent than req/s on what else runs on the machine.
ticks() { # pids...
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
cpu_ticks() { # "api pg redis"
  local pm pg=""
  pm="$(pgrep -f "postgres -D $BENCH/data/postgres" | head -n 1 || true)"
  [ -n "$pm" ] && pg="$pm $(pgrep -P "$pm" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  echo "$(ticks "$SERVER") $(ticks $pg) $(ticks $(pgrep -P "$SERVER" redis-server | tr '\n' ' '))"
}
# busy time of the whole machine (all processes, in clock ticks) and CPU seconds of this shell's children (wrk)
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# (`times` must run in this shell itself, not in a subshell, to count its children: hence the files)
children_seconds() {
  tail -n 1 "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } print t }'
}
run() { # name url [script]
  local name=$1 url=$2 script=${3:-} before after m0 m1 w0 w1
  times >"$BENCH/times0.txt"; before="$(cpu_ticks)"; m0="$(machine_ticks)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url" >"$BENCH/$name.txt"
  after="$(cpu_ticks)"; m1="$(machine_ticks)"; times >"$BENCH/times1.txt"
  w0="$(children_seconds "$BENCH/times0.txt")"; w1="$(children_seconds "$BENCH/times1.txt")"
  echo "cpu_ticks $before $after $(getconf CLK_TCK)" >>"$BENCH/$name.txt"
  # what the rest of the machine used meanwhile, in cores: all busy time - server, PostgreSQL, Redis - wrk
  awk -v b="$before" -v a="$after" -v m="$((m1 - m0))" -v w="$(awk -v x="$w0" -v y="$w1" 'BEGIN {print y - x}')" \
      -v hz="$(getconf CLK_TCK)" -v d="$DURATION" 'BEGIN { split(b, x, " "); split(a, y, " ");
      ours = (y[1] - x[1]) + (y[2] - x[2]) + (y[3] - x[3]);
      printf "cores_used wrk %.2f others %.2f\n", w / d, (m - ours - w * hz) / hz / d }' >>"$BENCH/$name.txt"
}
rps() { awk '/Requests\/sec/ {printf "%.0f", $2}' "$BENCH/$1.txt"; }
summary() { # name
  local f="$BENCH/$1.txt"
  local p50 p99 non2xx cpu
  p50="$(awk '$1 == "50%" {print $2}' "$f")"
  p99="$(awk '$1 == "99%" {print $2}' "$f")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$f")"
  cpu="$(awk '/requests in/ {n = $1} /cpu_ticks/ {hz = $8; a = ($5 - $2) / hz * 1e6 / n; p = ($6 - $3) / hz * 1e6 / n;
    r = ($7 - $4) / hz * 1e6 / n}
    END {printf "%.0f µs (API %.0f + PostgreSQL %.0f + Redis %.0f)", a + p + r, a, p, r}' "$f")"
  printf '%-22s %7s req/s  p50 %-8s p99 %-9s non-2xx %-4s CPU/request %s; %s\n' \
    "$1" "$(rps "$1")" "$p50" "$p99" "${non2xx:-0}" "$cpu" \
    "$(awk '/cores_used/ {printf "cores used meanwhile by wrk %s, by other processes %s", $3, $5}' "$f")"
}

# JIT warm-up until the metered throughput settles: rounds of 10 s until two rounds in a row change by less than 3 %
# (at most 24 rounds). On a busy machine the compiler threads get little CPU and this takes minutes; a fixed short
# warm-up measured the interpreter and C1 code instead.
echo "bench: warm-up (JIT) until metered req/s settles..." >&2
previous=0
stable=0
for round in $(seq 1 24); do
  DURATION=10 run warmup-metered "$BASE/in_life_data/$VIN" "$BENCH/auth.lua"
  current="$(rps warmup-metered)"
  echo "bench:   warm-up round $round: $current req/s" >&2
  if [ "$previous" -gt 0 ] &&
     awk -v a="$current" -v b="$previous" 'BEGIN { d = (a - b) / b; exit !(d < 0.03 && d > -0.03) }'; then
    stable=$((stable + 1))
  else
    stable=0
  fi
  [ "$stable" -ge 2 ] && break
  previous="$current"
done
DURATION=10 run warmup-trivial "$BASE/health"
DURATION=10 run warmup-unmetered "$BASE/in_life_data/check-eligibility/$VIN" "$BENCH/auth.lua"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: measuring ${DURATION}s each, $CONNECTIONS connections, $THREADS wrk threads..." >&2
run metered-in_life_data "$BASE/in_life_data/$VIN" "$BENCH/auth.lua"
run trivial-health "$BASE/health"
run unmetered-eligibility "$BASE/in_life_data/check-eligibility/$VIN" "$BENCH/auth.lua"

echo
echo "API benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1)"
echo "server options: ${BENCH_JAVA_OPTS:-defaults}"
echo "load average at start: $LOAD_AT_START; before/after measuring: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)" \
  "(these include the benchmark's own threads and processes; 'other processes' below is what the rest used)"
summary metered-in_life_data
summary trivial-health
summary unmetered-eligibility
awk -v m="$(rps metered-in_life_data)" -v t="$(rps trivial-health)" -v u="$(rps unmetered-eligibility)" \
  'BEGIN { printf "metered / trivial = %.2f (unmetered, same query / trivial = %.2f)\n", m / t, u / t }'
echo "raw wrk output: ${BENCH#$ROOT/}/*.txt"
