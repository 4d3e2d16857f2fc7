#!/usr/bin/env bash
# Install (if needed) and start a PostgreSQL server on loopback, with a database for the tests.
# Prints the URL to use as EVENTLEDGER_TEST_POSTGRES.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 >&2
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eventledger') THEN
    CREATE ROLE eventledger LOGIN PASSWORD 'eventledger' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='eventledger_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O eventledger eventledger_test" >&2
echo "postgresql://eventledger:eventledger@127.0.0.1:5432/eventledger_test"
