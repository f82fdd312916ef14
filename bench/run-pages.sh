#!/usr/bin/env bash
# Measures how fast public pages and API responses are served from the output cache, against
# Kestrel serving a static file of the same size, in the same run, on the same machine.
# Usage: bench/run-pages.sh [seconds per run, default 15] [connections, default 32]
# Needs wrk (sudo apt-get install wrk). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-32}
command -v wrk >/dev/null || { echo "run-pages.sh: wrk is missing: sudo apt-get install wrk" >&2; exit 1; }

out=bench/out/pages
rm -rf "$out" && mkdir -p "$out"
echo "== Publishing the web app (Release)"
dotnet publish src/CouncilPlan.Web -c Release -o "$out/web" -nologo -v q >/dev/null

port=$(( 30000 + RANDOM % 20000 ))
db="$out/bench.db"
echo "== Starting it on 127.0.0.1:$port with the default dataset on SQLite"
(cd "$out/web" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  ConnectionStrings__CouncilPlan="Data Source=$PWD/../bench.db" \
  ./CouncilPlan.Web --urls "http://127.0.0.1:$port" >"$PWD/../web.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done

page="/measures/T2-01"
api="/api/v1/measures/T2-01"
curl -fs "http://127.0.0.1:$port$page" -o "$out/page.html"
curl -fs "http://127.0.0.1:$port$api" -o "$out/api.json"

# Static files of exactly the same sizes, served by the same Kestrel from wwwroot.
mkdir -p "$out/web/wwwroot/bench"
head -c "$(stat -c %s "$out/page.html")" /dev/zero | tr '\0' 'a' > "$out/web/wwwroot/bench/page.html"
head -c "$(stat -c %s "$out/api.json")" /dev/zero | tr '\0' 'a' > "$out/web/wwwroot/bench/api.json"

run() { # url -> "requests_per_second p99_ms"
  local result
  result=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$1")
  echo "$result" >> "$out/wrk.txt"
  local rps p99
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}')
  echo "$rps $p99"
}

echo "== Warming up"
wrk -t1 -c4 -d2s "http://127.0.0.1:$port$page" >/dev/null
wrk -t1 -c4 -d2s "http://127.0.0.1:$port$api" >/dev/null
wrk -t1 -c4 -d2s "http://127.0.0.1:$port/bench/page.html" >/dev/null

echo "== Measuring ($seconds s each, $connections connections, 2 wrk threads)"
read -r static_page_rps static_page_p99 < <(run /bench/page.html)
read -r page_rps page_p99 < <(run "$page")
read -r static_api_rps static_api_p99 < <(run /bench/api.json)
read -r api_rps api_p99 < <(run "$api")

printf '\n%-34s %10s %12s %10s %10s\n' "response ($(stat -c %s "$out/page.html") and $(stat -c %s "$out/api.json") bytes)" "req/s" "p99 ms" "rate ratio" "p99 ratio"
printf '%-34s %10.0f %12.2f\n' "static file, page size" "$static_page_rps" "$static_page_p99"
printf '%-34s %10.0f %12.2f %10.2f %10.2f\n' "measure page $page" "$page_rps" "$page_p99" "$(echo "$page_rps / $static_page_rps" | bc -l)" "$(echo "$page_p99 / $static_page_p99" | bc -l)"
printf '%-34s %10.0f %12.2f\n' "static file, API size" "$static_api_rps" "$static_api_p99"
printf '%-34s %10.0f %12.2f %10.2f %10.2f\n' "API $api" "$api_rps" "$api_p99" "$(echo "$api_rps / $static_api_rps" | bc -l)" "$(echo "$api_p99 / $static_api_p99" | bc -l)"
echo
echo "Goal: rate ratio at least 0.70 and p99 ratio at most 1.5. Raw wrk output: $out/wrk.txt"
