#!/usr/bin/env bash
# deploy/run-local.sh: the production layout of docs/deploy.md, on this machine, torn down at the end.
#   - publishes the web app and the CLI (dotnet publish -c Release) and checks the default dataset
#     travelled with them;
#   - starts a throwaway PostgreSQL server (as the postgres user when run as root, like test.sh),
#     creates the roles of deploy/postgres-roles.sql, runs `councilplan db migrate` and `db seed` as
#     councilplan_owner;
#   - starts two web instances as councilplan_app with Database:MigrateOnStart=false, and nginx
#     with deploy/nginx.conf on a temporary prefix, TLS with a self-signed certificate;
#   - measures: (a) how long a publication made on one side takes to be served by the other
#     instance; (0) failed requests under saturating load through nginx with both instances up;
#     (b) the same while one instance is stopped; (c) under load, a PostgreSQL restart: seconds
#     until both instances are ready again, failed requests, and (deploy/probe.py) whether any
#     response carried a stack trace.
# Everything runs on high random ports and a temporary folder: it never touches the system's
# nginx configuration, its logs or ports 80 and 443.
# Needs: the .NET SDK, npm (the build), PostgreSQL server binaries, nginx, ab (apache2-utils),
# openssl, curl, python3.  Usage: deploy/run-local.sh [--seconds N] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

load_seconds=60
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) load_seconds=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--seconds N] [--keep]" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'run-local.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

for tool in dotnet nginx ab openssl curl python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (Debian: apt-get install nginx apache2-utils openssl curl python3)"
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries were not found under /usr/lib/postgresql: apt-get install postgresql"
nginx_bin=$(command -v nginx)

tmp=$(mktemp -d /tmp/councilplan-deploy.XXXXXX)
chmod 755 "$tmp"
# Four consecutive free high ports (other people's servers may be listening on this machine).
port_free() { ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
for _ in $(seq 50); do
  base=$(( 30000 + RANDOM % 20000 ))
  port_free "$base" && port_free $((base + 1)) && port_free $((base + 2)) && port_free $((base + 3)) && break
done
app1_port=$base
app2_port=$((base + 1))
https_port=$((base + 2))
pg_port=$((base + 3))
host=councilplan.test
site="https://$host:$https_port"
load_pid=""

run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_admin() { "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp/pg" -p "$pg_port" -U postgres "$@"; }

stop_pid_file() {
  local file=$1 signal=${2:-TERM}
  if [ -f "$file" ]; then
    local pid
    pid=$(cat "$file")
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$file"
  fi
}

teardown() {
  set +e
  [ -n "$load_pid" ] && kill $load_pid 2>/dev/null
  stop_pid_file "$tmp/nginx/nginx.pid" QUIT
  stop_pid_file "$tmp/web1.pid"
  stop_pid_file "$tmp/web2.pid"
  [ -d "$tmp/pg/data" ] && run_pg "$pg_bin/pg_ctl" -D "$tmp/pg/data" -m immediate stop >/dev/null 2>&1
  if $keep; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap teardown EXIT

say "Publishing the web app and the CLI (Release) to $tmp"
dotnet publish src/CouncilPlan.Web -c Release -o "$tmp/web" -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish src/CouncilPlan.Cli -c Release -o "$tmp/cli" -nologo -v quiet -clp:ErrorsOnly >/dev/null
[ -f "$tmp/web/data/areas.yaml" ] && ls "$tmp"/web/data/*/plan.yaml >/dev/null 2>&1 \
  || fail "the default dataset (data/) did not travel with the published web app"
[ -f "$tmp/cli/data/areas.yaml" ] || fail "the default dataset (data/) did not travel with the published CLI"

say "Starting a throwaway PostgreSQL server ($pg_bin, port $pg_port)"
mkdir -p "$tmp/pg"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$tmp/pg"
fi
run_pg "$pg_bin/initdb" -D "$tmp/pg/data" -U postgres -A trust -E UTF8 >/dev/null
# Local trust authentication is for this throwaway server only; docs/deploy.md uses passwords (scram).
run_pg "$pg_bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -w -o "-k $tmp/pg -p $pg_port -c listen_addresses=''" start >/dev/null
psql_admin -d postgres -c "CREATE DATABASE councilplan"
psql_admin -d councilplan < deploy/postgres-roles.sql

db="Host=$tmp/pg;Port=$pg_port;Database=councilplan"
owner="$db;Username=councilplan_owner"
app="$db;Username=councilplan_app"
cli() {
  local connection=$1; shift
  (cd "$tmp" && Database__Provider=Postgres Database__MigrateOnStart=false ConnectionStrings__CouncilPlan="$connection" dotnet "$tmp/cli/councilplan.dll" "$@")
}

say "Migrating and seeding as councilplan_owner (the separate step)"
cli "$owner" db migrate
cli "$owner" db seed

start_instance() {
  local n=$1 port=$2
  (cd "$tmp" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Database__Provider=Postgres ConnectionStrings__CouncilPlan="$app" Database__MigrateOnStart=false \
    ForwardedHeaders__KnownProxies=127.0.0.1 \
    dotnet "$tmp/web/CouncilPlan.Web.dll" >>"$tmp/web$n.log" 2>&1) &
  echo $! >"$tmp/web$n.pid"
}
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" || true; }
wait_ready() {
  local port=$1
  for _ in $(seq 600); do
    [ "$(status "http://127.0.0.1:$port/health/ready")" = 200 ] && return 0
    sleep 0.1
  done
  fail "the instance on port $port did not become ready (see $tmp/web*.log)"
}

say "Starting two web instances as councilplan_app (ports $app1_port, $app2_port)"
start_instance 1 "$app1_port"
start_instance 2 "$app2_port"
wait_ready "$app1_port"
wait_ready "$app2_port"

say "Starting nginx with deploy/nginx.conf (https on port $https_port, self-signed certificate)"
mkdir -p "$tmp/tls" "$tmp/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
  -keyout "$tmp/tls/key.pem" -out "$tmp/tls/cert.pem" 2>/dev/null
sed -e "s|@RUN@|$tmp/nginx|g" -e "s|@APP1@|127.0.0.1:$app1_port|" -e "s|@APP2@|127.0.0.1:$app2_port|" \
  -e "s|@LISTEN@|127.0.0.1:$https_port|" -e "s|@CERT@|$tmp/tls/cert.pem|" -e "s|@KEY@|$tmp/tls/key.pem|" \
  deploy/nginx.conf >"$tmp/nginx/nginx.conf"
# -e: the error log before the configuration is read, else nginx writes to /var/log/nginx.
"$nginx_bin" -t -q -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf"
"$nginx_bin" -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' &
for _ in $(seq 50); do [ -f "$tmp/nginx/nginx.pid" ] && break; sleep 0.1; done
through() { curl -s --cacert "$tmp/tls/cert.pem" --resolve "$host:$https_port:127.0.0.1" "$@"; }
for _ in $(seq 50); do [ "$(through -o /dev/null -w '%{http_code}' "$site/health/ready")" = 200 ] && break; sleep 0.1; done

say "Through nginx over TLS: HSTS and the __Host- cookies"
headers=$(through -D - -o /dev/null "$site/staff/account/sign-in")
printf '%s\n' "$headers" | grep -i -E '^(HTTP|strict-transport-security|set-cookie)' | sed -E 's/(=)[^;]{12}[^;]*/\1…/'
printf '%s\n' "$headers" | grep -qi '^strict-transport-security:' || fail "no HSTS header over https through nginx: are forwarded headers trusted?"
printf '%s\n' "$headers" | grep -i '^set-cookie: __Host-' | grep -qi 'secure' || fail "no Secure __Host- cookie over https through nginx"
[ "$(status "http://127.0.0.1:$app1_port/health/ready")" = 200 ] || fail "instance 1 is not ready"

say "(a) A publication on one side, served by the other instance"
cli "$app" data export --out "$tmp/published.csv" >/dev/null
python3 - "$tmp/published.csv" "$tmp/change.csv" "$tmp/change.txt" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
row = next(r for r in rows if r["value"] and not r["numerator"] and not r["denominator"] and not r["lower_ci"] and not r["breakdown"])
value = float(row["value"]) * 0.999 + 0.001
text = f"{value:.3f}"
if text.endswith("0"):
    text = f"{value + 0.001:.3f}"
row["value"] = text
row["published"] = "true"
with open(sys.argv[2], "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerow(row)
open(sys.argv[3], "w").write(f"{row['measure']} {text}\n")
PY
read -r measure new_value <"$tmp/change.txt"
other="http://127.0.0.1:$app2_port/api/v1/observations?measure=$measure&page_size=1000"
curl -s "$other" | grep -q "$new_value" && fail "the new value $new_value is already served"
started=$(now)
cli "$app" data import --publish "$tmp/change.csv" >/dev/null
imported=$(now)
for _ in $(seq 600); do curl -s "$other" | grep -q "$new_value" && break; sleep 0.05; done
curl -s "$other" | grep -q "$new_value" || fail "instance 2 never served $measure = $new_value"
served=$(now)
a_after_commit=$(awk -v a="$imported" -v b="$served" 'BEGIN { printf "%.2f", b - a }')
a_total=$(awk -v a="$started" -v b="$served" 'BEGIN { printf "%.2f", b - a }')
echo "measure $measure set to $new_value with \`councilplan data import\` (published=true), as councilplan_app"
echo "instance 2 served it ${a_after_commit} s after the import command exited (${a_total} s after it started)"

# Runs ab through nginx in the background on a path (default /) with some concurrency (default 8);
# results in $tmp/$1.ab. The access log is marked so that phase's lines can be told apart.
load() {
  local name=$1 path=${2:-/} concurrency=${3:-8} pid
  wc -l <"$tmp/nginx/access.log" >"$tmp/$name.mark"
  ab -r -k -q -t "$load_seconds" -n 100000000 -c "$concurrency" -f TLS1.2 "https://127.0.0.1:$https_port$path" >"$tmp/$name.ab" 2>&1 &
  pid=$!
  load_pid="$load_pid $pid"
}
finish_load() {
  # shellcheck disable=SC2086
  wait $load_pid || true
  load_pid=""
}
# How nginx spread a phase's requests: per instance, and how many it sent to the second after the first failed.
spread() {
  tail -n +"$(( $(cat "$tmp/$1.mark") + 1 ))" "$tmp/nginx/access.log" | awk '
    match($0, /upstream="[^"]*"/) {
      u = substr($0, RSTART + 10, RLENGTH - 11)
      if (index(u, ",")) retried++
      n = split(u, tried, ", ")
      served[tried[n]]++
    }
    END {
      for (s in served) printf "%s answered %d; ", s, served[s]
      printf "%d retried on the other instance\n", retried
    }'
}

# ab counts a response whose length differs from the first one's as "failed (Length)": pages are
# dynamic, so those are reported apart from real failures (connect, receive, exceptions, non-2xx).
report() {
  awk -v seconds="$load_seconds" '
    /^Complete requests:/ { complete = $3 }
    /^Requests per second:/ { rps = $4 }
    /^Non-2xx responses:/ { non2xx = $3 }
    /^ *\(Connect:/ { gsub(/[(),]/, ""); connect = $2; receive = $4; length_ = $6; exceptions = $8 }
    END {
      printf "%s requests in %s s (%s/s): %d non-2xx, %d connect/receive/exception failures (%d responses of another length, not failures)\n",
        complete, seconds, rps, non2xx, connect + receive + exceptions, length_
    }' "$tmp/$1.ab"
}

# Concurrency 16 keeps both instances busy: ab on 8 connections already takes every core here.
say "(0) ${load_seconds} s of saturating load through nginx, both instances up"
load steady / 16
finish_load
zero_result=$(report steady)
zero_spread=$(spread steady)
echo "$zero_result"
echo "$zero_spread"

say "(b) ${load_seconds} s of load through nginx; instance 1 stopped (SIGTERM) halfway"
load stop / 16
sleep "$(awk -v s="$load_seconds" 'BEGIN { print s / 2 }')"
stop_pid_file "$tmp/web1.pid"
finish_load
b_result=$(report stop)
b_spread=$(spread stop)
echo "$b_result"
echo "$b_spread"
start_instance 1 "$app1_port"
wait_ready "$app1_port"

say "(c) ${load_seconds} s of load through nginx; PostgreSQL restarted (pg_ctl restart -m fast) a quarter in"
# Public pages come from each instance's caches; /health/ready reads the database on every request,
# so a second, lighter load on it shows what happens to requests that need the database.
load restart / 16
load restart-db /health/ready 2
# Every answer's body is read too: pages, API queries that must read the database, hostile query strings.
python3 deploy/probe.py "https://127.0.0.1:$https_port" "$tmp/tls/cert.pem" "$load_seconds" "$tmp" 4 \
  >"$tmp/probe.out" 2>&1 &
probe_pid=$!
load_pid="$load_pid $probe_pid"
sleep "$(awk -v s="$load_seconds" 'BEGIN { print s / 4 }')"
restarted=$(now)
run_pg "$pg_bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -m fast -w restart >/dev/null
pg_back=$(since "$restarted")
ready1="" ready2=""
for _ in $(seq 1200); do
  [ -z "$ready1" ] && [ "$(status "http://127.0.0.1:$app1_port/health/ready")" = 200 ] && ready1=$(since "$restarted")
  [ -z "$ready2" ] && [ "$(status "http://127.0.0.1:$app2_port/health/ready")" = 200 ] && ready2=$(since "$restarted")
  [ -n "$ready1" ] && [ -n "$ready2" ] && break
  sleep 0.1
done
finish_load
c_result=$(report restart)
c_db_result=$(report restart-db)
after_back() { [ -n "$1" ] && awk -v a="$pg_back" -v b="$1" 'BEGIN { printf "%.2f s", b - a }' || echo never; }
echo "PostgreSQL accepted connections again after ${pg_back} s; /health/ready 200 again on instance 1 after ${ready1:-never} s, instance 2 after ${ready2:-never} s"
echo "serving again after PostgreSQL was back: instance 1 $(after_back "$ready1"), instance 2 $(after_back "$ready2")"
echo "pages: $c_result"
echo "/health/ready through nginx: $c_db_result"
echo "probe (bodies checked):"; sed 's/^/  /' "$tmp/probe.out"
traces=$(awk -F': ' '/^responses with a stack trace/ { print $2 }' "$tmp/probe.out")
[ "${traces:-x}" = 0 ] || fail "a response carried a stack trace or the probe failed (see $tmp/probe.out, $tmp/stack-trace-*.txt)"

say "Summary"
cat <<SUMMARY
machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), load average $(cut -d' ' -f1-3 /proc/loadavg)
versions: $(dotnet --version) SDK, PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }'), $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), commit $(git -C "$repo" rev-parse --short HEAD)
(a) publication to other instance: ${a_after_commit} s after the import exited (${a_total} s including the CLI's own run)
(0) both instances under load: $zero_result; $zero_spread
(b) one instance stopped under load: $b_result; $b_spread
(c) PostgreSQL restart under load: back in ${pg_back} s; ready again after ${ready1:-never} s and ${ready2:-never} s
    (after PostgreSQL was back: $(after_back "$ready1") and $(after_back "$ready2"))
    pages: $c_result
    /health/ready through nginx: $c_db_result
    probe: $(tr '\n' ';' <"$tmp/probe.out")
SUMMARY
