#!/usr/bin/env bash
# The comparison-stream benchmark: seeded simulated weekly streams (default 1,000 per case and item model) judged by
# StreamDetector, today's per-check rule and the naive rule; then the secondary signals' false-alert budget on
# unchanged comparisons (2 x streams per item model) and latency under host trouble (streams per case).
# Usage: bench/drift/streams.sh [streams] [first seed]
set -euo pipefail
source "$(dirname "$0")/simulation.sh"
simulation StreamBenchmark "${1:-1000}" "${2:-20260101}"
