#!/usr/bin/env bash
# Installs (apt, as root) and starts a PostgreSQL server on 127.0.0.1:5432 with a
# `callsim` role and database for the test suite. Idempotent. Prints the URL to use
# as TEST_DATABASE_URL on its last line.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed. Run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | grep -q "^${version} main"; then
  pg_createcluster "${version}" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^${version} main .* online"; then
  pg_ctlcluster "${version}" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 0.5
done

su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='callsim'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE callsim LOGIN SUPERUSER PASSWORD 'callsim'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='callsim_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O callsim callsim_test"

echo "postgres://callsim:callsim@127.0.0.1:5432/callsim_test"
