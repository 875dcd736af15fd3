#!/usr/bin/env bash
# Configuration as code: the documents live in flow-control-config/src/main/resources/member-config/ (NAME.json, with
# NAME.schema.json); ops edit a copy, validate it and publish it to every running instance (applied within a second,
# no restart). Every publication is recorded: who, when, why, the document before and after.
#
#   deploy/ops/member-config.sh validate --document=routing --file=routing.json
#   deploy/ops/member-config.sh publish  --document=routing --file=routing.json --operator=alice --reason="center B"
#   deploy/ops/member-config.sh show     --document=routing
#   deploy/ops/member-config.sh history  [--document=routing] [--limit=20]
#
# Documents: callers (the caller registry), routing (local Redis center, ES cluster per traffic class).
# Exit 0 done, 2 refused (nothing published) or bad arguments, 1 config Redis unreachable.
# Locally it reads the stack's endpoints (.stack/stack.properties); elsewhere set MEMBER_CONFIG to a properties file.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONFIG=${MEMBER_CONFIG:-${MEMBER_STACK_HOME:-$ROOT/.stack}/stack.properties}
JAR=$ROOT/flow-control-config/target/flow-control-config-exec.jar
command=${1:-}
case $command in
  validate|publish|show|history) shift ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
[ -f "$JAR" ] || { echo "member-config: build first (mvn package -DskipTests): $JAR is missing" >&2; exit 1; }
[ -f "$CONFIG" ] || { echo "member-config: no endpoints at $CONFIG (start the stack or set MEMBER_CONFIG)" >&2; exit 1; }
# A relative --file is taken from where the command was run.
args=()
for arg in "$@"; do
  case $arg in --file=/*) args+=("$arg") ;; --file=*) args+=("--file=$PWD/${arg#--file=}") ;; *) args+=("$arg") ;; esac
done
exec java -Xmx256m -jar "$JAR" --spring.main.web-application-type=none --spring.main.banner-mode=off \
  --logging.level.root=WARN --spring.config.import="file:$CONFIG" --member.ops.command="$command" "${args[@]}"
