#!/usr/bin/env bash
# Runs one of reporting-service's drift simulations (a main class of its test sources) with the test classpath.
# Sourced by run.sh and streams.sh: `simulation <MainClass> <args...>`. Maven's own output goes to stderr, so
# stdout holds only the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
classpath_file="$root/reporting-service/target/drift-benchmark.classpath"

build() {
  mvn -B -q -f "$root/pom.xml" -pl reporting-service test-compile 1>&2 &&
    mvn -B -q -f "$root/pom.xml" -pl reporting-service dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$classpath_file" 1>&2
}

simulation() {
  local main="$1"
  shift
  if ! build; then
    # a clean clone: the parent pom and the sibling modules reporting-service depends on are not installed yet
    echo "installing the parent, events and local-stack into the local Maven repository, then retrying" >&2
    mvn -B -q -f "$root/pom.xml" -pl events,local-stack -am install -DskipTests 1>&2
    build
  fi
  java -cp "$root/reporting-service/target/test-classes:$root/reporting-service/target/classes:$(cat "$classpath_file")" \
    "io.evalwatch.reporting.drift.simulation.$main" "$@"
}
