#!/usr/bin/env bash
# The whole pipeline under load: ITEMS items of a generated suite of one-line Python tasks through task-service,
# generator-service (a zero-latency simulated model), sandbox-service, scoring-service and reporting-service, on a
# local stack of its own (free ports, its own state folder and databases: it never touches another stack). Prints
# items/s per stage, item latency p50/p99, consumer lag, each service's heap and CPU, and what sandbox-service alone
# sustains on the same tasks, measured before and after the run, with the ratio end to end / sandbox alone.
#
#   bench/pipeline/run.sh                         # ITEMS=20000 SAMPLES=20 SANDBOX_SECONDS=60
#   ITEMS=500 SANDBOX_SECONDS=20 bench/pipeline/run.sh
#   MAX_SECONDS=600 bench/pipeline/run.sh         # fewer items if the sandbox would take longer than that
#   ANALYSIS=off bench/pipeline/run.sh            # the sandbox runs tests only, no static analysis
#   STALL_SECONDS=600 bench/pipeline/run.sh       # give up on the run when no stage moved for that long (no
#                                                 # limit on its length: 20,000 items with analysis take hours)
#   MODE=reporting bench/pipeline/run.sh          # reporting-service alone: a run's scores published straight to
#                                                 # Kafka, stored at what rate (result in last-reporting-run.md)
#   MODE=idle ITEMS=100 bench/pipeline/run.sh     # no run: each process's CPU with nothing to do over
#                                                 # IDLE_SECONDS (120; result in last-idle-run.md)
#
# Needs the packaged services and CLI (mvn -B -DskipTests package; built here if missing), PostgreSQL as for the
# local stack (README "What they need"), psql and jcmd. The result is also written to bench/pipeline/last-run.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ITEMS=${ITEMS:-20000}
SAMPLES=${SAMPLES:-20}
WORK=${WORK:-$(mktemp -d -t evalwatch-pipeline-bench.XXXXXX)}
CLI=$ROOT/cli/target/evalwatch-cli.jar

built=1
[ -f "$CLI" ] || built=0
for module in task-service generator-service sandbox-service scoring-service reporting-service model-simulator; do
  [ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ] || built=0
done
[ "$built" -eq 1 ] || mvn -B -q -DskipTests package

/usr/bin/python3 bench/pipeline/pipeline.py prepare "$WORK" "$ITEMS" "$SAMPLES"
stop() {
  java -cp "$CLI" bench/pipeline/PipelineStack.java stop "$ROOT" "$WORK" || true
  echo "state and logs: $WORK/stack"
}
trap stop EXIT
echo "starting the benchmark's stack (logs in $WORK/stack/logs) ..."
java -cp "$CLI" bench/pipeline/PipelineStack.java start "$ROOT" "$WORK"
MODE=${MODE:-measure}
/usr/bin/python3 bench/pipeline/pipeline.py "$MODE" "$WORK" "$ITEMS" "$SAMPLES"
if [ "$MODE" = reporting ]; then
  cp "$WORK/result.md" bench/pipeline/last-reporting-run.md
elif [ "$MODE" = idle ]; then
  cp "$WORK/result.md" bench/pipeline/last-idle-run.md
else
  cp "$WORK/result.md" bench/pipeline/last-run.md
fi
