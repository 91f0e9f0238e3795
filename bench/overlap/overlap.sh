#!/usr/bin/env bash
# The train/eval overlap benchmark: `suites overlap` on a synthetic training file of SAMPLES lines (default 100,000:
# unrelated code and text plus planted exact, cosmetic and perturbed copies of suite tasks, deterministic from SEED)
# against a suite of TASKS tasks imported at run time from ../shared/datasets (MBPP, then HumanEval; nothing is
# copied into the project). Prints the check's elapsed time, samples/s, candidate and verified pairs, flagged pairs,
# then python3 difflib's brute force over PAIRS random task x line pairs plus every planted pair: its time per pair,
# the extrapolated time of the full brute force, and the check's recall of the pairs brute force flags.
#
#   bench/overlap/overlap.sh                     # SAMPLES=100000 TASKS=1000 PAIRS=10000 SEED=20261206
#   SAMPLES=10000 PAIRS=2000 bench/overlap/overlap.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DATASETS=${DATASETS:-$ROOT/../shared/datasets}
SAMPLES=${SAMPLES:-100000}
TASKS=${TASKS:-1000}
PAIRS=${PAIRS:-10000}
SEED=${SEED:-20261206}
THRESHOLD=${THRESHOLD:-0.8}
JAR=$ROOT/cli/target/evalwatch-cli.jar
WORK=$(mktemp -d -t evalwatch-overlap-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ ! -f "$JAR" ]; then
  mvn -B -q -pl cli -am package -DskipTests
fi
cli() { java -Xmx256m -jar "$JAR" "$@"; }

# the suite: MBPP's 974 problems, then as many HumanEval ones as TASKS needs (no reference is run: --no-measure)
MBPP=$(( TASKS < 974 ? TASKS : 974 ))
cli suites import mbpp "$DATASETS/mbpp" --as mbpp --limit "$MBPP" --no-measure --suites-dir "$WORK/suites" >/dev/null
if [ "$TASKS" -gt "$MBPP" ]; then
  cli suites import humaneval "$DATASETS/humaneval" --as humaneval --limit $(( TASKS - MBPP )) --no-measure \
    --suites-dir "$WORK/suites" >/dev/null
fi
python3 "$ROOT/bench/overlap/overlap.py" generate "$WORK/suites" "$WORK/train.jsonl" "$WORK/planted.json" \
  "$SAMPLES" "$SEED"

echo "machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
START=$(date +%s.%N)
set +e
# the check's CPU time (user + sys, in clock ticks) beside its wall time: on a shared machine the two differ
bash -c 'java -Xmx256m -jar "$1" suites overlap --train "$2" "$3" --threshold "$4" --format json >"$5" 2>"$6"; code=$?
  read -r -a stat </proc/$$/stat; echo "$code $(( stat[15] + stat[16] ))" >"$7"' _ "$JAR" "$WORK/train.jsonl" \
  "$WORK/suites" "$THRESHOLD" "$WORK/check.json" "$WORK/check.err" "$WORK/check.cpu"
set -e
END=$(date +%s.%N)
read -r CODE TICKS <"$WORK/check.cpu"
CPU=$(python3 -c "import os, sys; print('%.1f' % (int(sys.argv[1]) / os.sysconf('SC_CLK_TCK')))" "$TICKS")
[ "$CODE" -le 1 ] || { cat "$WORK/check.err" >&2; exit 1; }
python3 - "$WORK/check.json" "$START" "$END" "$CODE" "$CPU" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
print("suites overlap: %d samples (%d texts) x %d tasks in %.1f s wall (%.1f s of it checking, the rest JVM start"
      " and the suite read), %s s CPU (user + sys), %.0f samples/s; %d candidate pairs, %d verified by the exact"
      " ratio; %d flagged pairs, %d flagged tasks; exit %s" % (c["samples"], c["trainingTexts"], c["tasks"], wall,
      c["seconds"], sys.argv[5], c["samples"] / wall, c["candidatePairs"], c["verifiedPairs"], c["flaggedPairs"],
      c["flaggedTasks"], sys.argv[4]))
PY
echo "load after the check: $(cut -d' ' -f1-3 /proc/loadavg)"

# the same check again, writing the texts it compared, for the brute force to read
cli suites overlap --train "$WORK/train.jsonl" "$WORK/suites" --threshold "$THRESHOLD" --format json \
  --documents "$WORK/documents.jsonl" >/dev/null 2>&1 || true
python3 "$ROOT/bench/overlap/overlap.py" brute "$WORK/documents.jsonl" "$WORK/check.json" "$WORK/planted.json" \
  "$PAIRS" "$SEED" "$THRESHOLD"
