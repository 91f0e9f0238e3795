#!/usr/bin/env bash
# Wall time to check the 164 HumanEval canonical solutions through sandbox-service (full isolation), against a
# bare `python3 -I -S` subprocess loop measured in the same run. Prints both, their ratio and executions/s.
#
#   bench/sandbox/humaneval.sh            # WORKERS=$(nproc) ROUNDS=5 PORT=18483
#   SANDBOX_OPTS=-Devalwatch.sandbox.fork-server=false bench/sandbox/humaneval.sh   # every run launched
#   BENCH=environment bench/sandbox/humaneval.sh   # the plain sandbox against a numpy environment (environment.sh)
#
# Starts the packaged service (building it if needed) with Kafka channels off: the direct-execution API takes
# the same path through the sandbox as the Kafka processor. Needs root (setpriv to the slots' uids), bubblewrap
# and cgroup v1, as the service itself does.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DATASET=${DATASET:-$ROOT/../shared/datasets/humaneval/HumanEval.jsonl.gz}
WORKERS=${WORKERS:-$(nproc)}
ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18483}
JAR=$ROOT/sandbox-service/target/quarkus-app/quarkus-run.jar
LOG=$(mktemp -t evalwatch-sandbox-bench.XXXXXX.log)

if [ ! -f "$JAR" ]; then
  mvn -B -q -pl sandbox-service package -DskipTests
fi

# a throwaway operator key for this run: the service gets its SHA-256, the benchmark the key (environment only)
EVALWATCH_API_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
export EVALWATCH_API_KEY
KEY_HASH=$(printf %s "$EVALWATCH_API_KEY" | sha256sum | cut -d' ' -f1)

# shellcheck disable=SC2086  # SANDBOX_OPTS: extra -D settings, split on spaces
java -Xmx256m -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Devalwatch.auth.keys="operator:$KEY_HASH" \
  -Devalwatch.sandbox.workers="$WORKERS" ${SANDBOX_OPTS:-} \
  -Dmp.messaging.incoming.generations.enabled=false -Dmp.messaging.outgoing.executions.enabled=false \
  -jar "$JAR" >"$LOG" 2>&1 &
SERVICE=$!
trap 'kill "$SERVICE" 2>/dev/null; wait "$SERVICE" 2>/dev/null || true' EXIT

for _ in $(seq 120); do
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

echo "machine: $(nproc) cores, $(uname -r); sandbox workers: $WORKERS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$ROOT/bench/sandbox/${BENCH:-humaneval}.py" "$DATASET" "http://127.0.0.1:$PORT" "$WORKERS" "$ROUNDS" "$SERVICE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
