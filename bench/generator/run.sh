#!/usr/bin/env bash
# generator-service benchmark: overhead at 200 concurrent workers against a zero-latency simulated model, and TTFT
# drift as concurrency rises. Starts its own Kafka broker, model-simulator and generator-service (child processes).
# Needs model-simulator packaged first (mvn -B -q -pl model-simulator package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl generator-service verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=GeneratorBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
cp generator-service/target/it/benchmark.md bench/generator/last-run.md
cat bench/generator/last-run.md
