#!/usr/bin/env bash
# What evalwatch needs on the machine, checked in one place: ./evalwatch demo|up and .ci/run both call this script.
#
#   scripts/prerequisites.sh check   [--for-tests]   name each missing prerequisite with the command that installs it;
#                                                     exit 1 if anything is missing (takes a few seconds at most)
#   scripts/prerequisites.sh install [--for-tests]   Debian, as root: say what will be installed, apt-get install it,
#                                                     start the local PostgreSQL, then check again
#
# --for-tests adds what only the test suite needs: Prometheus, Alertmanager, docker-compose, Chromium and jq.
# PostgreSQL is reached as local-stack reaches it: EVALWATCH_PG_HOST, _PORT, _USER, _PASSWORD (default
# 127.0.0.1:5432, user postgres, no password).
set -uo pipefail

mode="${1:-check}"
for_tests=0
[ "${2:-}" = "--for-tests" ] && for_tests=1

# The interpreter sandbox-service runs generated Python with and analyses it with (its default python command).
PYTHON=/usr/bin/python3
PG_HOST="${EVALWATCH_PG_HOST:-127.0.0.1}"
PG_PORT="${EVALWATCH_PG_PORT:-5432}"
PG_USER="${EVALWATCH_PG_USER:-postgres}"
export PGPASSWORD="${EVALWATCH_PG_PASSWORD:-}" PGCONNECT_TIMEOUT=3

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo "
START_PG="pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql | head -n 1) main start"

packages=()   # Debian packages that provide what is missing
problems=()   # one line per missing prerequisite, ending with the command that fixes it

has() { command -v "$1" >/dev/null 2>&1; }

# need PACKAGE WHAT: WHAT is missing and Debian's PACKAGE provides it
need() {
  packages+=("$1")
  problems+=("$2 — install it with: ${SUDO}apt-get install $1")
}

check_tools() {
  packages=(); problems=()
  if ! has java || ! has javac; then
    need openjdk-17-jdk-headless "JDK 17 (java and javac)"
  else
    local major
    major="$(javac -version 2>&1 | sed -nE 's/^javac ([0-9]+).*/\1/p')"
    [ "${major:-0}" -ge 17 ] || need openjdk-17-jdk-headless "JDK 17 or later (javac is ${major:-unknown})"
  fi
  has mvn || need maven "Maven 3.8+"
  has bwrap || need bubblewrap "bubblewrap (bwrap), which isolates generated code in the sandbox"
  has setpriv || need util-linux "setpriv (util-linux), which drops the sandbox's privileges"
  if [ ! -x "$PYTHON" ]; then
    need python3 "Python 3 at $PYTHON"
  else
    # find_spec only looks the modules up: importing mypy or bandit would take seconds
    local module
    for module in $("$PYTHON" - <<'PY'
import importlib.util
for m in ["pyflakes", "mccabe", "bandit", "mypy", "numpy", "pip"]:
    if importlib.util.find_spec(m) is None:
        print(m)
PY
    ); do
      case "$module" in
        mypy) need mypy "Python's mypy (static analysis of generated code)" ;;
        numpy) need python3-numpy "Python's numpy (the EvalPlus suites import it)" ;;
        pip) need python3-pip "Python's pip (wheelhouse suite environments)" ;;
        *) need "python3-$module" "Python's $module (static analysis of generated code)" ;;
      esac
    done
  fi
  has node || need nodejs "Node.js (JavaScript tasks)"
  has npm || need npm "npm (Node suite environments)"
  if ! has pg_isready || ! has psql; then
    need postgresql-client "the PostgreSQL client (pg_isready, psql)"
  fi
  if [ "$for_tests" -eq 1 ]; then
    has prometheus || need prometheus "Prometheus (the tests start their own)"
    has prometheus-alertmanager || need prometheus-alertmanager "Alertmanager (the tests start their own)"
    has docker-compose || need docker-compose "docker-compose (a test validates docker-compose.yml with it)"
    has chromium || need chromium "Chromium (the console's pages are tested in a real browser)"
    has jq || need jq "jq (a test pipes ./evalwatch report --format json into it, as README shows)"
  fi
}

pg_up() { pg_isready -q -t 3 -h "$PG_HOST" -p "$PG_PORT"; }

check_postgres() {
  has pg_isready && has psql || return 0   # already reported as a missing package
  if ! pg_up; then
    problems+=("PostgreSQL is not accepting connections on $PG_HOST:$PG_PORT — on this machine: ${SUDO}apt-get install\
 postgresql && ${SUDO}$START_PG; another server: set EVALWATCH_PG_HOST and EVALWATCH_PG_PORT")
    return 0
  fi
  local refused
  if ! refused="$(psql -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'select 1' 2>&1 >/dev/null)"; then
    problems+=("PostgreSQL on $PG_HOST:$PG_PORT refuses user $PG_USER (${refused%%$'\n'*}) — let it in without a\
 password by putting the line 'host all $PG_USER 127.0.0.1/32 trust' first among the host lines of pg_hba.conf\
 (Debian: /etc/postgresql/*/main/pg_hba.conf), then ${SUDO}pg_ctlcluster --skip-systemctl-redirect\
 \$(ls /etc/postgresql | head -n 1) main reload; or set EVALWATCH_PG_USER and EVALWATCH_PG_PASSWORD")
  fi
}

report() {
  if [ "${#problems[@]}" -eq 0 ]; then
    echo "prerequisites: all present"
    return 0
  fi
  echo "prerequisites: ${#problems[@]} missing:" >&2
  local p
  for p in "${problems[@]}"; do echo "  - $p" >&2; done
  if [ "${#packages[@]}" -gt 0 ]; then
    echo "Install every missing package at once with: ${SUDO}apt-get install ${packages[*]}" >&2
  fi
  return 1
}

install() {
  if [ "$(id -u)" -ne 0 ] || ! has apt-get; then
    echo "prerequisites: installing needs root on Debian (apt-get); checking instead" >&2
    check_tools; check_postgres; report; return
  fi
  check_tools
  # a local server to start, when none answers and none is installed
  if ! { has pg_isready && pg_up; } && [ ! -d /etc/postgresql ]; then
    packages+=(postgresql)
    fresh_cluster=1
  fi
  if [ "${#packages[@]}" -gt 0 ]; then
    echo "prerequisites: installing with apt-get: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null || return 1
  fi
  if [ "${fresh_cluster:-0}" -eq 1 ]; then
    # a cluster created just now: let the local postgres user in without a password, as evalwatch expects
    local hba
    hba="$(ls /etc/postgresql/*/main/pg_hba.conf | head -n 1)"
    echo "prerequisites: trusting user $PG_USER from 127.0.0.1 in the new cluster's $hba"
    sed -i "0,/^host/s//host all $PG_USER 127.0.0.1\/32 trust\nhost/" "$hba"
  fi
  if [ "$PG_HOST" = "127.0.0.1" ] && ! pg_up && [ -d /etc/postgresql ]; then
    echo "prerequisites: starting PostgreSQL"
    eval "$START_PG" || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  check_tools; check_postgres; report
}

case "$mode" in
  check) check_tools; check_postgres; report ;;
  install) install ;;
  *) echo "usage: $0 check|install [--for-tests]" >&2; exit 2 ;;
esac
