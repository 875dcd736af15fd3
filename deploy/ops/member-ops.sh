#!/usr/bin/env bash
# Operator commands against the platform's stores (a one-shot run of the write service, or of the sync service for
# rebuild).
#
#   deploy/ops/member-ops.sh audit [--buckets=N]
#       report abnormal relationships (an account or mobile on two members, a unionid on two members, a member
#       whose WeChat accounts disagree on the unionid); exit 3 when any is found
#   deploy/ops/member-ops.sh quarantine --members=ID,ID --operator=NAME --reason=TEXT
#   deploy/ops/member-ops.sh release    --members=ID,ID --operator=NAME --reason=TEXT
#   deploy/ops/member-ops.sh rebuild    --cluster=primary|backup|marketing [--from=ID] [--to=ID] [--page=N]
#       re-index one ES cluster (or the member ids from..to) from MySQL, while writes go on; exit 1 if the cluster
#       stayed unreachable (the last line says where to resume)
#
# Locally it reads the stack's endpoints (.stack/stack.properties); elsewhere set MEMBER_CONFIG to a properties file.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONFIG=${MEMBER_CONFIG:-${MEMBER_STACK_HOME:-$ROOT/.stack}/stack.properties}
command=${1:-}
case $command in
  audit|quarantine|release) service=member-write-service
    switches=(--member.outbox.relay.enabled=false --member.commands.consumer.enabled=false) ;;
  rebuild) service=es-sync-consumer; switches=(--member.sync.enabled=false) ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
shift
JAR=$ROOT/$service/target/$service.jar
[ -f "$JAR" ] || { echo "member-ops: build first (mvn package -DskipTests): $JAR is missing" >&2; exit 1; }
[ -f "$CONFIG" ] || { echo "member-ops: no endpoints at $CONFIG (start the stack or set MEMBER_CONFIG)" >&2; exit 1; }
exec java -Xmx384m -jar "$JAR" --spring.main.web-application-type=none --spring.main.banner-mode=off \
  --logging.level.root=WARN "${switches[@]}" --spring.config.import="file:$CONFIG" --member.ops.command="$command" "$@"
