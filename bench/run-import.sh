#!/usr/bin/env bash
# Runs the import benchmark: starts a throwaway PostgreSQL server (as test.sh does, but with the
# server's default durability settings), builds Release, and runs bench/CouncilPlan.Bench.
# Usage: bench/run-import.sh [--rows N[,N...]] [--no-postgres] [--no-sqlite]
# By default it measures files of 100,000, 1,000,000 and 10,000,000 rows (the last takes a long time).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf 'run-import.sh: %s\n' "$*" >&2; exit 1; }
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK 10 is missing"
command -v psql >/dev/null 2>&1 || fail "psql is missing: sudo apt-get install postgresql-client"
command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 is missing: sudo apt-get install sqlite3"
[ -x /usr/bin/time ] || fail "GNU time is missing: sudo apt-get install time"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries were not found: sudo apt-get install postgresql"

run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d /tmp/councilplan-bench-pg.XXXXXX)
pg_port=$(( 20000 + RANDOM % 20000 ))
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$pg_dir"
fi
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-k $pg_dir -p $pg_port -c listen_addresses=''" start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on socket $pg_dir port $pg_port (default settings)"

mkdir -p bench/out
dotnet build bench/CouncilPlan.Bench/CouncilPlan.Bench.csproj -c Release -nologo -clp:ErrorsOnly
dotnet bench/CouncilPlan.Bench/bin/Release/net10.0/CouncilPlan.Bench.dll \
  --postgres "Host=$pg_dir;Port=$pg_port;Username=postgres;Database=postgres" "$@"
