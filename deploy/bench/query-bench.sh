#!/usr/bin/env bash
# Query benchmark: lookups by member id through the running query service, ids drawn from a Zipf distribution over
# N members, beside the service's no-op endpoint (GET /api/v1/ping) measured in the same run; prints requests/s,
# p50/p99/p999, errors, the cache hit rate and the ratios. Seeds the N members first when they are missing (straight
# into MySQL and the primary ES cluster, ids from 8000000000000000000; about 5-10 minutes for a million here).
# Needs `deploy/local/stack.sh up` first; `deploy/local/stack.sh down && deploy/local/stack.sh clean` drops the seed.
#   deploy/bench/query-bench.sh [members, default 1000000] [seconds per endpoint, default 30] [client threads, default 8]
#                               [zipf exponent, default 0.99] [warm-up seconds of lookups, default 60]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_HOME=${MEMBER_STACK_HOME:-$ROOT/.stack}
curl -sf "$(grep '^member.services.query=' "$STACK_HOME/stack.properties" | cut -d= -f2)/actuator/health" >/dev/null \
  || { echo "query-bench: the query service is not up (deploy/local/stack.sh up)" >&2; exit 1; }
cd "$ROOT"
mvn -B -q -pl member-query-service test-compile
run() {
  mvn -B -q -pl member-query-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
    -Dexec.mainClass="$1" -Dexec.args="$2" -Dmember.stack.home="$STACK_HOME"
}
run com.memberplatform.query.bench.SeedMembers "${1:-1000000}"
run com.memberplatform.query.bench.QueryBenchmark "${1:-1000000} ${2:-30} ${3:-8} ${4:-0.99} ${5:-60}"
