#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite, and prints the line that points the tests
# at it: `export FALCORD_TEST_POSTGRES_URL=…`. Installs PostgreSQL from Debian's packages when it is missing.
#   eval "$(scripts/test-postgres.sh start [port])"   …   scripts/test-postgres.sh stop
# The server is for tests only: no fsync, trust authentication on loopback, its data in a temporary folder.
set -euo pipefail
command=${1:-start}
port=${2:-54329}
state=${TMPDIR:-/tmp}/falcord-test-postgres-$port

server_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $bin ]]; then
    echo "installing PostgreSQL from Debian's packages" >&2
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >&2) >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# PostgreSQL refuses to run as root: the server then runs as the postgres user the package created.
as_server_user() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $command in
  start)
    bin=$(server_bin)
    if [[ -f $state/data/postmaster.pid ]] && as_server_user "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
      echo "export FALCORD_TEST_POSTGRES_URL=postgres://falcord@127.0.0.1:$port/postgres"
      exit 0
    fi
    rm -rf "$state"
    mkdir -p "$state"
    [[ $(id -u) == 0 ]] && chown postgres "$state"
    as_server_user "$bin/initdb" -D "$state/data" -U falcord --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
      || { cat "$state/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
      start >&2 || { cat "$state/server.log" >&2; exit 1; }
    echo "export FALCORD_TEST_POSTGRES_URL=postgres://falcord@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d $state/data ]]; then
      bin=$(server_bin)
      as_server_user "$bin/pg_ctl" -D "$state/data" -m fast -w stop >&2 || true
      rm -rf "$state"
    fi
    ;;
  *)
    echo "usage: $0 start|stop [port]" >&2
    exit 2
    ;;
esac
