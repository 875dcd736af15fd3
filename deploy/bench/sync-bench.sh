#!/usr/bin/env bash
# Sync benchmark: a steady write load through the running write service while the running es-sync-consumer
# replicates it; prints events applied per second and lag p50/p99 per target (ES primary, backup, marketing, cache
# A, cache B) next to a bare consumer on the same topic as the baseline, measured in the same run.
# Needs `deploy/local/stack.sh up` first.
#   deploy/bench/sync-bench.sh [writes per second, default 10] [seconds, default 30]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench.lib.sh"
# The services must answer; their health may be DOWN (a search cluster stopped on purpose, to measure without it).
for service in write sync; do
  case $(curl -s -m 5 -o /dev/null -w '%{http_code}' "$(service_url $service)/actuator/health") in
    200|503) ;;
    *) echo "sync-bench: the $service service does not answer (deploy/local/stack.sh up)" >&2; exit 1 ;;
  esac
done
bench_build es-sync-consumer
bench_run es-sync-consumer com.memberplatform.sync.bench.SyncBenchmark "${1:-10} ${2:-30}"
