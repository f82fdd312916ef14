#!/usr/bin/env bash
# The one test command. It installs or starts what the tests need (Node.js and npm for GOV.UK
# Frontend, a throwaway PostgreSQL server from the installed binaries, Chromium for the browser
# tests), checks formatting and analyzers, and runs every test on SQLite and PostgreSQL.
# Usage: ./test.sh [extra arguments for dotnet test, e.g. --filter Name~Plan]
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else return 1
  fi
}

# Installs Debian packages when it can, and otherwise says exactly what to install.
apt_install() {
  local missing=("$@")
  say "Installing ${missing[*]}"
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null; then
    fail "could not install ${missing[*]}: run 'sudo apt-get install ${missing[*]}' and try again"
  fi
}

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is missing: install .NET SDK 10 (https://learn.microsoft.com/dotnet/core/install/linux-debian) and try again"

packages=()
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  apt_install "${packages[@]}"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
[ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries were not found under /usr/lib/postgresql: run 'sudo apt-get install postgresql'"

say "Starting a throwaway PostgreSQL server ($pg_bin)"
pg_dir=$(mktemp -d /tmp/councilplan-pg.XXXXXX)
pg_port=$(( 20000 + RANDOM % 20000 ))
run_pg() {
  # PostgreSQL refuses to run as root: run it as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$pg_dir"
fi
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export COUNCILPLAN_TEST_POSTGRES="Host=$pg_dir;Port=$pg_port;Username=postgres;Database=postgres"
export COUNCILPLAN_TEST_PG_BIN="$pg_bin"

say "Restoring and building (warnings are errors)"
dotnet tool restore >/dev/null
dotnet restore CouncilPlan.slnx --locked-mode
dotnet build CouncilPlan.slnx --no-restore -c Release -nologo -clp:ErrorsOnly

say "Checking formatting"
dotnet format CouncilPlan.slnx --no-restore --verify-no-changes

say "Running the tests on SQLite and PostgreSQL"
dotnet test CouncilPlan.slnx --no-build -c Release --logger "console;verbosity=minimal" "$@"
