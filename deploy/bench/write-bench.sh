#!/usr/bin/env bash
# Write benchmark: registrations and bindings through the running write service, with a plain JDBC insert on the
# same MariaDB master as the baseline, measured in the same run. Needs `deploy/local/stack.sh up` first.
#   deploy/bench/write-bench.sh [operations per kind, default 2000] [client threads, default 8]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench.lib.sh"
curl -sf "$(service_url write)/actuator/health" >/dev/null \
  || { echo "write-bench: the write service is not up (deploy/local/stack.sh up)" >&2; exit 1; }
bench_build member-write-service
bench_run member-write-service com.memberplatform.write.bench.WriteBenchmark "${1:-2000} ${2:-8}"
