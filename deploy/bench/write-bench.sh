#!/usr/bin/env bash
# Write benchmark: registrations and bindings through the running write service, with a plain JDBC insert on the
# same MariaDB master as the baseline, measured in the same run. Needs `deploy/local/stack.sh up` first.
#   deploy/bench/write-bench.sh [operations per kind, default 2000] [client threads, default 8]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_HOME=${MEMBER_STACK_HOME:-$ROOT/.stack}
curl -sf "$(grep '^member.services.write=' "$STACK_HOME/stack.properties" | cut -d= -f2)/actuator/health" >/dev/null \
  || { echo "write-bench: the write service is not up (deploy/local/stack.sh up)" >&2; exit 1; }
cd "$ROOT"
mvn -B -q -pl member-write-service test-compile
exec mvn -B -q -pl member-write-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
  -Dexec.mainClass=com.memberplatform.write.bench.WriteBenchmark -Dexec.args="${1:-2000} ${2:-8}" \
  -Dmember.stack.home="$STACK_HOME"
