#!/usr/bin/env bash
# Flow-control benchmark: the same lookup endpoint of the running query service with Sentinel's limits in force and
# with flow control switched off (through the live flow-rules document), in the order with, without, without, with; prints
# req/s, p50/p99/p999 and errors per phase and the ratio. The document in force before is put back at the end.
# Needs `deploy/local/stack.sh up`; seeds the members like query-bench.sh when they are missing.
#   deploy/bench/flow-bench.sh [members, default 1000000] [seconds per phase, default 20] [client threads, default 8]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/query-service.lib.sh"
run SeedMembers "${1:-1000000}"
run FlowBenchmark "${1:-1000000} ${2:-20} ${3:-8}"
