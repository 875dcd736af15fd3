# Shared by every benchmark (sourced, not run). The benchmarks are classes in a service module's tests, run with
# that module's test classpath. The modules it depends on are installed into the local Maven repository first:
# `deploy/local/stack.sh up` only packages them, and a fresh machine has none of them there.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_HOME=${MEMBER_STACK_HOME:-$ROOT/.stack}

# The base URL of a service of the running stack: service_url query|write|sync|migration|ops
service_url() {
  grep "^member.services.$1=" "$STACK_HOME/stack.properties" | cut -d= -f2
}

# Builds MODULE's test classes, after installing the modules it depends on (no tests run). The services of the
# running stack are not disturbed: they run from copies of their jars (deploy/local/stack.sh).
bench_build() {
  (cd "$ROOT" && mvn -B -q -pl "$1,!$1" -am install -DskipTests && mvn -B -q -pl "$1" test-compile)
}

# Runs a benchmark class: bench_run MODULE CLASS "ARGS"
bench_run() {
  (cd "$ROOT" && mvn -B -q -pl "$1" org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
    -Dexec.mainClass="$2" -Dexec.args="$3" -Dmember.stack.home="$STACK_HOME")
}
