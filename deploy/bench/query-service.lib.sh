# Shared by the benchmarks of the query service (sourced, not run): check the service is up, build it, run a
# benchmark class of member-query-service with the stack's endpoints.
source "$(dirname "${BASH_SOURCE[0]}")/bench.lib.sh"
curl -sf "$(service_url query)/actuator/health" >/dev/null \
  || { echo "$(basename "$0"): the query service is not up (deploy/local/stack.sh up)" >&2; exit 1; }
bench_build member-query-service
run() {
  bench_run member-query-service "com.memberplatform.query.bench.$1" "$2"
}
