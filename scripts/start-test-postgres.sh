#!/bin/sh
# Starts a local PostgreSQL for the tsumiki-store tests and prints the URL to put in
# TSUMIKI_TEST_POSTGRES_URL. Idempotent: installs the Debian package only when missing, creates
# a cluster only when none exists, and starts it only when it is down. Needs root (CI, dev box).
set -eu

PG_PASSWORD="${TSUMIKI_TEST_POSTGRES_PASSWORD:-tsumiki}"
PG_PORT="${TSUMIKI_TEST_POSTGRES_PORT:-5432}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

# The newest installed major version; Debian installs one per release.
PG_VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${PG_VERSION} main$"; then
    pg_createcluster "$PG_VERSION" main --port "$PG_PORT"
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$PG_VERSION" main start
fi

# Wait until the server accepts connections (the first start can take a few seconds).
i=0
until su postgres -c "pg_isready -q -p $PG_PORT"; do
    i=$((i + 1))
    if [ "$i" -gt 30 ]; then
        echo "PostgreSQL did not become ready" >&2
        exit 1
    fi
    sleep 1
done

# Password authentication over TCP on 127.0.0.1 (scram-sha-256 is the Debian default in pg_hba.conf).
su postgres -c "psql -q -p $PG_PORT -c \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\""

echo "postgres://postgres:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/postgres"
