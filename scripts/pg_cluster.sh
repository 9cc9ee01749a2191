#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's *_pgtest tests (CTest fixture "postgres").
#   pg_cluster.sh start DIR   initdb in DIR, start on a free 127.0.0.1 port, create database
#                             choral_test, write postgresql://USER@127.0.0.1:PORT/choral_test to DIR/url
#   pg_cluster.sh stop DIR    stop the server and remove DIR
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
  if [[ -f $dir/data/postmaster.pid ]]; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
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
    stop_cluster
    mkdir -p "$dir/data" "$dir/socket"
    chmod 700 "$dir/data"
    if [[ ${#run_as[@]} -gt 0 ]]; then
      chown -R postgres: "$dir"
      # The postgres user must be able to reach DIR through its parents.
      "${run_as[@]}" test -w "$dir" || die "user postgres cannot write to $dir (check the permissions of its parent folders)"
    fi
    "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U "$db_user" -A trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || die "initdb failed, see $dir/initdb.log"
    port=$(free_port)
    "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null || die "the server did not start, see $dir/server.log"
    "${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$db_user" choral_test \
      || die "createdb choral_test failed, see $dir/server.log"
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
