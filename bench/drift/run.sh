#!/usr/bin/env bash
# The drift decision benchmark: seeded simulated comparisons (default 1,000 per case) run through
# DriftAnalyzer without the pipeline; prints false alert rates and power with 95% Wilson intervals.
# Usage: bench/drift/run.sh [comparisons] [first seed]
set -euo pipefail
source "$(dirname "$0")/simulation.sh"
simulation DecisionBenchmark "${1:-1000}" "${2:-20250101}"
