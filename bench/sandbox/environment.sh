#!/usr/bin/env bash
# HumanEval's canonical solutions in the plain sandbox against the same in a numpy-providing, numpy-preloading
# suite environment (python3-numpy from Debian), alternating in one run; prints the ratio (target: at most 1.2).
#
#   bench/sandbox/environment.sh          # WORKERS=$(nproc) ROUNDS=5 PORT=18483
#
# Same service start as humaneval.sh; needs python3-numpy installed on the host.
set -euo pipefail
BENCH=environment exec "$(dirname "$0")/humaneval.sh" "$@"
