#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's *_pgtest tests (CTest fixture "postgres").
#   pg_cluster.sh start DIR   initdb in DIR, start on a free 127.0.0.1 port, create database
#                             choral_test, write postgresql://USER@127.0.0.1:PORT/choral_test to DIR/url
#   pg_cluster.sh stop DIR    stop the server and remove DIR
# The cluster's files live in a fresh folder under /tmp (named in DIR/cluster), so that the
# postgres user can reach them wherever the checkout is.
# The server refuses to run as root: as root, everything runs as the `postgres` user (DIR is
# chowned to it); otherwise as the current user. fsync is off: the data is thrown away.
set -euo pipefail

die() { echo "pg_cluster.sh: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: pg_cluster.sh start|stop DIR"
action=$1
dir=$2
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")

# The newest installed server version (Debian: /usr/lib/postgresql/<major>/bin).
bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then bindir=$candidate; break; fi
done
[[ -n $bindir ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: install Debian's postgresql package"

if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as"
  run_as=(runuser -u postgres --)
  db_user=postgres
else
  run_as=()
  db_user=$(id -un)
fi

stop_cluster() {
  if [[ -f $dir/cluster ]]; then
    local cluster
    cluster=$(cat "$dir/cluster")
    if [[ -f $cluster/data/postmaster.pid ]]; then
      "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [[ $cluster == /tmp/choral-pg.* ]] && rm -rf "$cluster"
  fi
  rm -rf "$dir"
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for port in $(seq 25432 25999); do
    if ! ss -ltnH "sport = :$port" | grep -q .; then echo "$port"; return; fi
  done
  die "no free TCP port on 127.0.0.1 between 25432 and 25999"
}

case $action in
  start)
    mkdir -p "$dir"
    cluster=$(mktemp -d /tmp/choral-pg.XXXXXX)
    echo "$cluster" >"$dir/cluster"
    mkdir -p "$cluster/data" "$cluster/socket"
    chmod 700 "$cluster/data"
    [[ ${#run_as[@]} -gt 0 ]] && chown -R postgres: "$cluster"
    "${run_as[@]}" "$bindir/initdb" -D "$cluster/data" -U "$db_user" -A trust -E UTF8 --no-locale \
      >"$cluster/initdb.log" 2>&1 || die "initdb failed, see $cluster/initdb.log"
    port=$(free_port)
    "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null || die "the server did not start, see $cluster/server.log"
    "${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$db_user" choral_test \
      || die "createdb choral_test failed, see $cluster/server.log"
    echo "postgresql://$db_user@127.0.0.1:$port/choral_test" >"$dir/url"
    chmod 644 "$dir/url"
    echo "PostgreSQL $(basename "$(dirname "$bindir")") running: $(cat "$dir/url")"
    ;;
  stop)
    stop_cluster
    ;;
  *)
    die "unknown action '$action' (start or stop)"
    ;;
esac
