#!/usr/bin/env bash
# One Java and one JavaScript execution at a time through sandbox-service (full isolation), against the bare
# `java File.java` source launch and `node file.js` of equivalent programs outside any sandbox, interleaved in one
# run. Prints medians, p90 and the ratios (targets: Java <= 0.5, JavaScript <= 1.0).
#
#   bench/sandbox/languages.sh            # ROUNDS=10 PORT=18484
#   SANDBOX_OPTS=-Devalwatch.sandbox.startup-archives=false bench/sandbox/languages.sh   # without CDS archive and snapshot
#   SANDBOX_OPTS=-Devalwatch.sandbox.java-compile-server=false bench/sandbox/languages.sh # each run compiles in its JVM
#   SANDBOX_OPTS=-Devalwatch.sandbox.javascript-prelaunch=false bench/sandbox/languages.sh # each JavaScript run launches
#
# Starts the packaged service (building it if needed) with Kafka channels off, as humaneval.sh does. Needs root
# (setpriv to the slots' uids), bubblewrap and cgroup v1, as the service itself does.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-10}
PORT=${PORT:-18484}
JAR=$ROOT/sandbox-service/target/quarkus-app/quarkus-run.jar
LOG=$(mktemp -t evalwatch-sandbox-languages.XXXXXX.log)

if [ ! -f "$JAR" ]; then
  mvn -B -q -pl sandbox-service package -DskipTests
fi

# a throwaway operator key for this run: the service gets its SHA-256, the benchmark the key (environment only)
EVALWATCH_API_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
export EVALWATCH_API_KEY
KEY_HASH=$(printf %s "$EVALWATCH_API_KEY" | sha256sum | cut -d' ' -f1)

# shellcheck disable=SC2086  # SANDBOX_OPTS: extra -D settings, split on spaces
java -Xmx256m -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Devalwatch.auth.keys="operator:$KEY_HASH" \
  ${SANDBOX_OPTS:-} \
  -Dmp.messaging.incoming.generations.enabled=false -Dmp.messaging.outgoing.executions.enabled=false \
  -jar "$JAR" >"$LOG" 2>&1 &
SERVICE=$!
trap 'kill "$SERVICE" 2>/dev/null; wait "$SERVICE" 2>/dev/null || true' EXIT

for _ in $(seq 240); do
  if curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$SERVICE" 2>/dev/null; then
    echo "sandbox-service did not start; its log: $LOG" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "sandbox-service not ready; see $LOG" >&2; exit 1; }

# Java's start-up archive is made in the background once the service is up: measure from when it is in use (or not)
for _ in $(seq 240); do
  grep -qE "class-data sharing archive|Java runs launch" "$LOG" && break
  grep -q "startup-archives=false" <<<"${SANDBOX_OPTS:-}" && break
  sleep 0.5
done

# the Java compile server starts once the archive is made: measure from when it is up (or known not to be)
for _ in $(seq 240); do
  grep -qE "compiled by a sandboxed compile server|no Java compile server|Java runs launch" "$LOG" && break
  grep -qE "startup-archives=false|java-compile-server=false" <<<"${SANDBOX_OPTS:-}" && break
  sleep 0.5
done

echo "machine: $(nproc) cores, $(uname -r); $(java -version 2>&1 | head -1); node $(node --version); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "sandbox ready|Java runs|compile server|JavaScript runs" "$LOG" | sed 's/^/service: /' || true
/usr/bin/python3 "$ROOT/bench/sandbox/languages.py" "http://127.0.0.1:$PORT" "$ROUNDS" "$SERVICE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
