#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for Dyad's store tests.
#
# Usage (as root, on Debian, no systemd needed):
#   eval "$(bash .ci/postgres.sh)"
#
# Installs PostgreSQL from Debian's packages when missing, initialises a cluster in
# $DYAD_PG_DIR (default /tmp/dyad-pg) owned by the postgres user, starts it on
# 127.0.0.1:$DYAD_PG_PORT (default 54329), creates the role and database dyad_test,
# waits until it accepts connections, and prints one line on stdout:
#   export DYAD_TEST_POSTGRES_URL=postgresql://dyad_test:...@127.0.0.1:54329/dyad_test
# Everything else goes to stderr. Running it again reuses the running server.
set -euo pipefail
cd /  # the postgres user may not be able to read the caller's directory

PGDIR="${DYAD_PG_DIR:-/tmp/dyad-pg}"
PORT="${DYAD_PG_PORT:-54329}"
DB_NAME=dyad_test
DB_USER=dyad_test
DB_PASS="${DYAD_PG_PASSWORD:-dyad_test_pw}"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    fi
}

BINDIR=$(find_bindir)
if [[ -z "$BINDIR" ]]; then
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
    BINDIR=$(find_bindir)
fi
[[ -n "$BINDIR" ]] || { log "no PostgreSQL server binaries found"; exit 1; }

if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir "$PGDIR" --shell /bin/bash postgres
fi

as_postgres() { runuser -u postgres -- "$@"; }

# The server's unix socket lives in the data dir, so no /var/run/postgresql is needed.
SOCKDIR="$PGDIR/socket"
mkdir -p "$PGDIR"
chown postgres: "$PGDIR"
chmod 700 "$PGDIR"

if [[ ! -f "$PGDIR/data/PG_VERSION" ]]; then
    log "initialising cluster in $PGDIR/data"
    as_postgres mkdir -p "$PGDIR/data" "$SOCKDIR"
    as_postgres "$BINDIR/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >&2 \
      || as_postgres "$BINDIR/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >&2
fi
as_postgres mkdir -p "$SOCKDIR"

if as_postgres "$BINDIR/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    log "server already running in $PGDIR/data"
else
    log "starting server on 127.0.0.1:$PORT"
    as_postgres "$BINDIR/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKDIR -c fsync=off" start >&2
fi

for _ in $(seq 1 60); do
    if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then break; fi
    sleep 1
done
"$BINDIR/pg_isready" -h 127.0.0.1 -p "$PORT" >&2 || { log "server not ready"; exit 1; }

psql_admin() {
    as_postgres "$BINDIR/psql" -h "$SOCKDIR" -p "$PORT" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -qtA "$@"
}

if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]]; then
    log "creating role $DB_USER"
    psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'" >&2
else
    psql_admin -c "ALTER ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'" >&2
fi
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]]; then
    log "creating database $DB_NAME"
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0" >&2
fi

echo "export DYAD_TEST_POSTGRES_URL=postgresql://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
