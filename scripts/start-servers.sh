#!/usr/bin/env bash
# Starts the PostgreSQL and MariaDB servers the database tests use when they
# are installed here but not running (CI machines have both, started or not).
# Waits until each accepts connections on 127.0.0.1. A server that is not
# installed is reported, not an error: without CI=true its tests skip; under
# CI=true they fail, naming the command that starts it.
set -uo pipefail

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name port
  for _ in $(seq 1 60); do
    listening "$2" && { echo "==> $1 is up on 127.0.0.1:$2"; return 0; }
    sleep 1
  done
  echo "==> $1 did not start listening on 127.0.0.1:$2 within 60 s" >&2
  return 1
}

status=0
if listening 5432; then
  echo "==> PostgreSQL is up on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "==> starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || status=1
  wait_for PostgreSQL 5432 || status=1
else
  echo "==> PostgreSQL is not installed: its tests will skip (or fail under CI=true)"
fi

if listening 3306; then
  echo "==> MariaDB is up on 127.0.0.1:3306"
elif [ -x /usr/sbin/mariadbd ]; then
  echo "==> starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || status=1
  wait_for MariaDB 3306 || status=1
else
  echo "==> MariaDB is not installed: its tests will skip (or fail under CI=true)"
fi
exit "$status"
