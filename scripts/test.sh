#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The journal tests start a private PostgreSQL of their own (initdb and postgres run as the package's 'postgres' user).
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # The packages' services (the system PostgreSQL cluster on 5432, redis-server on 6379) are not started: every test
  # starts a private server on a free port. A policy-rc.d that exits 101 tells Debian's maintainer scripts so.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    trap '$sudo rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

dotnet build StreamEngine.sln -c Release -nologo -clp:NoSummary
log=$(mktemp)
status=0
dotnet test StreamEngine.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for every test project together.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
rm -f "$log"
exit "$status"
