# Shared by the benchmarks of the query service (sourced, not run): check the service is up, build the test classes,
# run a benchmark class of member-query-service with the stack's endpoints.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_HOME=${MEMBER_STACK_HOME:-$ROOT/.stack}
curl -sf "$(grep '^member.services.query=' "$STACK_HOME/stack.properties" | cut -d= -f2)/actuator/health" >/dev/null \
  || { echo "$(basename "$0"): the query service is not up (deploy/local/stack.sh up)" >&2; exit 1; }
cd "$ROOT"
mvn -B -q -pl member-query-service test-compile
run() {
  mvn -B -q -pl member-query-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
    -Dexec.mainClass="com.memberplatform.query.bench.$1" -Dexec.args="$2" -Dmember.stack.home="$STACK_HOME"
}
