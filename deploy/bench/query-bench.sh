#!/usr/bin/env bash
# Query benchmark: lookups by member id through the running query service, ids drawn from a Zipf distribution over
# N members, beside the service's no-op endpoint (GET /api/v1/ping) measured in the same run; prints requests/s,
# p50/p99/p999, errors, the cache hit rate and the ratios. Seeds the N members first when they are missing (straight
# into MySQL and the primary ES cluster, ids from 8000000000000000000; about 5-10 minutes for a million here).
# Needs `deploy/local/stack.sh up` first; `deploy/local/stack.sh down && deploy/local/stack.sh clean` drops the seed.
#   deploy/bench/query-bench.sh [members, default 1000000] [seconds per endpoint, default 30] [client threads, default 8]
#                               [zipf exponent, default 0.99] [warm-up seconds of lookups, default 60]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/query-service.lib.sh"
run SeedMembers "${1:-1000000}"
run QueryBenchmark "${1:-1000000} ${2:-30} ${3:-8} ${4:-0.99} ${5:-60}"
