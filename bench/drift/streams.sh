#!/usr/bin/env bash
# The comparison-stream benchmark: seeded simulated weekly streams (default 1,000 per case and item model) judged by
# StreamDetector, today's per-check rule and the naive rule; then the secondary signals' false-alert budget on
# unchanged comparisons (2 x streams per item model) and latency under host trouble (streams per case).
# Usage: bench/drift/streams.sh [streams] [first seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
streams="${1:-1000}"
seed="${2:-20260101}"
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
  io.evalwatch.reporting.drift.simulation.StreamBenchmark "$streams" "$seed"
