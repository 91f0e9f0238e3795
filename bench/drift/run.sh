#!/usr/bin/env bash
# The drift decision benchmark: seeded simulated comparisons (default 1,000 per case) run through
# DriftAnalyzer without the pipeline; prints false alert rates and power with 95% Wilson intervals.
# Usage: bench/drift/run.sh [comparisons] [first seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
comparisons="${1:-1000}"
seed="${2:-20250101}"
classpath_file="$root/reporting-service/target/drift-benchmark.classpath"

# Maven's own output goes to stderr, so stdout holds only the figures
build() {
  mvn -B -q -pl reporting-service test-compile 1>&2 &&
    mvn -B -q -pl reporting-service dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$classpath_file" 1>&2
}

if ! build; then
  # a clean clone: the parent pom and the sibling modules reporting-service depends on are not installed yet
  echo "installing the parent, events and local-stack into the local Maven repository, then retrying" >&2
  mvn -B -q -pl events,local-stack -am install -DskipTests 1>&2
  build
fi

java -cp "reporting-service/target/test-classes:reporting-service/target/classes:$(cat "$classpath_file")" \
  io.evalwatch.reporting.drift.simulation.DecisionBenchmark "$comparisons" "$seed"
