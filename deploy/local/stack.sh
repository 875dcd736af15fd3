#!/usr/bin/env bash
# The local stack: real servers on 127.0.0.1, and the five services on top of them.
#
#   stack.sh up [--servers-only] [--owner-pid PID]   install what is missing, start what is not running
#   stack.sh down                                    stop everything this stack started, by PID
#   stack.sh status                                  a table of every server and service
#   stack.sh logs [NAME]                             tail a log (all logs without NAME)
#   stack.sh stop NAME | start NAME                  stop or start one server or service (fault drills)
#   stack.sh freeze NAME | thaw NAME                 SIGSTOP / SIGCONT one server: it keeps its port but answers nothing
#   stack.sh clean                                   delete the stack's data (refused while anything runs)
#   stack.sh schema DBS TABLES PREFIX                another sharded schema beside the stack's (tests of other shapes)
#
# Ports: deploy/local/ports.env. Schema shape: deploy/local/topology.env (MEMBER_TOPOLOGY=production for 1,024 shards).
# Cache shape: each center's cache is one Redis (redis-a, redis-b) unless MEMBER_REDIS_SHAPE=cluster, which points the
# services at the centers' Redis Clusters (redis-a-cluster-1..3, redis-b-cluster-1..3: three masters each). Both
# shapes always run, so the protocol's tests cover both.
# Data, logs and PID files live in one git-ignored folder, $MEMBER_STACK_HOME (default <repo>/.stack).
# With --owner-pid, what this call starts is stopped again when process PID ends (the test harness passes Maven's PID).
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$DEPLOY_DIR/../.." && pwd)
STACK_HOME=${MEMBER_STACK_HOME:-$REPO_ROOT/.stack}
DIST=$STACK_HOME/dist
RUN=$STACK_HOME/run
LOGS=$STACK_HOME/logs
OWNED=""
ES_USER=${MEMBER_ES_USER:-member-es}
DB_USER=member
DB_PASSWORD=member
REPL_PASSWORD=replication

# shellcheck source=ports.env
. "$DEPLOY_DIR/ports.env"
# A stack keeps the topology its data was created with, unless one is asked for explicitly.
if [ -z "${MEMBER_TOPOLOGY:-}" ] && [ -f "$STACK_HOME/mariadb/topology-name" ]; then
  MEMBER_TOPOLOGY=$(cat "$STACK_HOME/mariadb/topology-name")
fi
# shellcheck source=topology.env
. "$DEPLOY_DIR/topology.env"

REDIS_CLUSTER_NODES=(redis-a-cluster-1 redis-a-cluster-2 redis-a-cluster-3 redis-b-cluster-1 redis-b-cluster-2 redis-b-cluster-3)
SERVERS=(mariadb-a-master mariadb-a-replica mariadb-b-replica redis-a redis-b redis-config "${REDIS_CLUSTER_NODES[@]}"
         es-primary es-backup es-marketing rocketmq-namesrv rocketmq-broker legacy-h2)
SERVICES=(member-query-service member-write-service es-sync-consumer db-migration-service flow-control-config)

say()  { echo "stack: $*"; }
# One line naming what failed and why, then the tail of its log (unless --no-log); exit non-zero.
fail() {
  local name=$1 reason=$2
  echo "stack: FAILED $name: $reason" >&2
  [ "${3:-}" = --no-log ] && exit 1
  local f
  for f in "$LOGS/$name.stdout" "$LOGS/$name.log"; do
    if [ -s "$f" ]; then
      echo "--- last lines of $f" >&2
      tail -n 25 "$f" >&2
    fi
  done
  exit 1
}

port_of() {
  case $1 in
    mariadb-a-master) echo "$MARIADB_A_MASTER_PORT" ;;
    mariadb-a-replica) echo "$MARIADB_A_REPLICA_PORT" ;;
    mariadb-b-replica) echo "$MARIADB_B_REPLICA_PORT" ;;
    redis-a) echo "$REDIS_A_PORT" ;;
    redis-b) echo "$REDIS_B_PORT" ;;
    redis-config) echo "$REDIS_CONFIG_PORT" ;;
    redis-a-cluster-[123]) echo $((REDIS_A_CLUSTER_PORT + ${1##*-} - 1)) ;;
    redis-b-cluster-[123]) echo $((REDIS_B_CLUSTER_PORT + ${1##*-} - 1)) ;;
    es-primary) echo "$ES_PRIMARY_PORT" ;;
    es-backup) echo "$ES_BACKUP_PORT" ;;
    es-marketing) echo "$ES_MARKETING_PORT" ;;
    rocketmq-namesrv) echo "$ROCKETMQ_NAMESRV_PORT" ;;
    rocketmq-broker) echo "$ROCKETMQ_BROKER_PORT" ;;
    legacy-h2) echo "$LEGACY_H2_PORT" ;;
    member-query-service) echo "$QUERY_SERVICE_PORT" ;;
    member-write-service) echo "$WRITE_SERVICE_PORT" ;;
    es-sync-consumer) echo "$SYNC_SERVICE_PORT" ;;
    db-migration-service) echo "$MIGRATION_SERVICE_PORT" ;;
    flow-control-config) echo "$OPS_SERVICE_PORT" ;;
    *) echo "stack: unknown server or service '$1' (known: ${SERVERS[*]} ${SERVICES[*]})" >&2; exit 2 ;;
  esac
}

# Every port a server listens on, for the busy-port check and for `down`'s final check.
ports_of() {
  case $1 in
    es-primary) echo "$ES_PRIMARY_PORT $ES_PRIMARY_TRANSPORT_PORT" ;;
    es-backup) echo "$ES_BACKUP_PORT $ES_BACKUP_TRANSPORT_PORT" ;;
    es-marketing) echo "$ES_MARKETING_PORT $ES_MARKETING_TRANSPORT_PORT" ;;
    rocketmq-broker) echo "$ROCKETMQ_BROKER_PORT $((ROCKETMQ_BROKER_PORT - 2)) $((ROCKETMQ_BROKER_PORT + 1))" ;;
    redis-*-cluster-*) echo "$(port_of "$1") $(($(port_of "$1") + 10000))" ;;
    *) port_of "$1" ;;
  esac
}

is_service() { case " ${SERVICES[*]} " in *" $1 "*) return 0 ;; esac; return 1; }

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid" || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# Waits until "$@" succeeds; fails naming the server when it times out or the process dies.
await() {
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    running "$name" || fail "$name" "process exited during start-up"
    [ $SECONDS -lt $deadline ] || fail "$name" "not ready after ${seconds}s"
    sleep 1
  done
}

check_ports_free() {
  local name=$1 p
  for p in $(ports_of "$name"); do
    port_busy "$p" && fail "$name" "port $p is busy: another process listens on 127.0.0.1:$p (override it in deploy/local/ports.env)" --no-log
  done
  return 0
}

# ---------------------------------------------------------------- prerequisites

require_root_for() {
  [ "$(id -u)" -eq 0 ] || { echo "stack: FAILED prerequisites: missing $1 and not root to install it (apt-get install $1)" >&2; exit 1; }
}

install_packages() {
  local missing=()
  command -v mariadbd >/dev/null || missing+=(mariadb-server mariadb-client)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] && return 0
  require_root_for "${missing[*]}"
  command -v apt-get >/dev/null || fail prerequisites "missing ${missing[*]} and no apt-get to install them (Debian 12 expected)" --no-log
  say "installing ${missing[*]} (Debian packages)"
  # Keep the packages' own services from starting on their default ports.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  mkdir -p "$LOGS"
  local rc=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    > "$LOGS/prerequisites.log" 2>&1 || rc=$?
  [ $made_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc -eq 0 ] || fail prerequisites "apt-get install ${missing[*]} failed"
}

fetch_distributions() {
  local es_home
  es_home=$(es_home)
  if [ -n "$es_home" ] && [ -x "$es_home/bin/elasticsearch" ] && ls "$DIST"/lib/rocketmq-broker-*.jar >/dev/null 2>&1 \
     && ls "$DIST"/lib/h2-*.jar >/dev/null 2>&1; then
    return 0
  fi
  say "fetching Elasticsearch, RocketMQ and H2 from Maven Central into $DIST"
  mkdir -p "$DIST" "$LOGS"
  mvn -B -q -f "$DEPLOY_DIR/servers/pom.xml" package -Dstack.dist="$DIST" > "$LOGS/prerequisites.log" 2>&1 \
    || fail prerequisites "could not fetch the server distributions with Maven (see $LOGS/prerequisites.log)"
}

es_home() { ls -d "$DIST"/elasticsearch-* 2>/dev/null | head -n 1 || true; }

java_home() { dirname "$(dirname "$(readlink -f "$(command -v java)")")"; }

ensure_es_user() {
  id "$ES_USER" >/dev/null 2>&1 && return 0
  require_root_for "system user $ES_USER"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" \
    || fail prerequisites "could not create system user $ES_USER for Elasticsearch"
}

# ---------------------------------------------------------------- servers

start_background() {  # name, command... : runs in the foreground of a detached session, keeps $!
  local name=$1; shift
  setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

mariadb_sock() { echo "$STACK_HOME/mariadb/$1/mariadb.sock"; }
sql() { local name=$1; shift; mariadb --no-defaults --socket="$(mariadb_sock "$name")" -uroot "$@"; }

start_mariadb() {
  local name=$1 server_id=$2 dir=$STACK_HOME/mariadb/$1
  mkdir -p "$dir"
  if [ ! -d "$dir/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$dir/data" --user=root --auth-root-authentication-method=normal \
      --skip-test-db > "$LOGS/$name.log" 2>&1 || fail "$name" "mariadb-install-db failed"
  fi
  cat > "$dir/my.cnf" <<EOF
[mariadbd]
user=root
datadir=$dir/data
socket=$(mariadb_sock "$name")
pid-file=$dir/mariadb.pid
port=$(port_of "$name")
bind-address=127.0.0.1
server-id=$server_id
log-bin=$dir/data/binlog
binlog_format=ROW
log-slave-updates=ON
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_bin
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
sync_binlog=0
max_connections=600
performance_schema=OFF
EOF
  [ "$name" = mariadb-a-master ] || echo "read_only=ON" >> "$dir/my.cnf"
  start_background "$name" mariadbd --defaults-file="$dir/my.cnf"
  await "$name" 60 mariadb-admin --no-defaults --socket="$(mariadb_sock "$name")" -uroot ping
}

setup_master() {
  sql mariadb-a-master <<EOF || fail mariadb-a-master "could not create users"
CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY '$REPL_PASSWORD';
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1';
EOF
}

setup_replica() {
  local name=$1
  # A replica restarted on its own data resumes replication by itself; only a new one needs CHANGE MASTER.
  if [ -z "$(sql "$name" -e "SHOW SLAVE STATUS")" ]; then
    sql "$name" -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$MARIADB_A_MASTER_PORT,
      MASTER_USER='repl', MASTER_PASSWORD='$REPL_PASSWORD', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;" \
      || fail "$name" "CHANGE MASTER failed"
  fi
  sql "$name" -e "START SLAVE;" || fail "$name" "START SLAVE failed"
  await "$name" 30 replica_running "$name"
}

replica_running() {
  sql "$1" -e "SHOW SLAVE STATUS\G" | grep -q "Slave_SQL_Running: Yes" &&
  sql "$1" -e "SHOW SLAVE STATUS\G" | grep -q "Slave_IO_Running: Yes"
}

# Applies sql/member-shard.sql to databases PREFIX0..PREFIX(N-1), M tables each (idempotent statements).
apply_shard_schema() {
  local dbs=$1 tables=$2 prefix=$3 d t
  for ((d = 0; d < dbs; d++)); do
    {
      echo "CREATE DATABASE IF NOT EXISTS $prefix$d; USE $prefix$d;"
      for ((t = 0; t < tables; t++)); do
        sed "s/{t}/$t/g" "$DEPLOY_DIR/sql/member-shard.sql"
      done
    } | sql mariadb-a-master || fail mariadb-a-master "creating $prefix$d failed"
  done
}

# The sharded schema: databases member_db_0..N-1, each with tables <name>_0..M-1 from sql/member-shard.sql.
create_member_schema() {
  local d t recorded="$STACK_HOME/mariadb/topology"
  local shape="$MEMBER_DB_COUNT x $MEMBER_TABLES_PER_DB"
  if [ -f "$recorded" ] && [ "$(cat "$recorded")" != "$shape" ]; then
    fail mariadb-a-master "data was created for topology $(cat "$recorded"), asked for $shape: run 'stack.sh down && stack.sh clean' first" --no-log
  fi
  # Statements are idempotent (IF NOT EXISTS): re-apply them whenever the schema files changed.
  local digest
  digest=$(cat "$DEPLOY_DIR/sql/member-shard.sql" "$DEPLOY_DIR/sql/member-meta.sql" | sha256sum | cut -c1-16)
  [ -f "$recorded" ] && [ "$(cat "$STACK_HOME/mariadb/schema-digest" 2>/dev/null)" = "$digest" ] && return 0
  say "applying the member schema: $MEMBER_DB_COUNT databases x $MEMBER_TABLES_PER_DB tables"
  apply_shard_schema "$MEMBER_DB_COUNT" "$MEMBER_TABLES_PER_DB" member_db_
  sql mariadb-a-master < "$DEPLOY_DIR/sql/member-meta.sql" || fail mariadb-a-master "creating member_meta failed"
  echo "$shape" > "$recorded"
  echo "$MEMBER_TOPOLOGY" > "$STACK_HOME/mariadb/topology-name"
  echo "$digest" > "$STACK_HOME/mariadb/schema-digest"
}

start_redis() {
  local name=$1 dir=$STACK_HOME/redis/$1
  mkdir -p "$dir"
  # Every Redis keeps what it holds across a restart: the config Redis the rules ops pushed, the caches their
  # per-key version floors (decision 0020: a cache that forgot them could take a fill from a cluster still behind).
  local persistence=(--save "" --appendonly yes --appendfsync everysec) cluster=()
  case $name in redis-*-cluster-*) cluster=(--cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000) ;; esac
  start_background "$name" redis-server --port "$(port_of "$name")" --bind 127.0.0.1 --dir "$dir" \
    --protected-mode yes "${persistence[@]}" "${cluster[@]}" --maxmemory 256mb --maxmemory-policy allkeys-lru
  await "$name" 20 redis-cli -p "$(port_of "$name")" ping
}

# The three nodes of a center's cache cluster as redis:// URIs, comma-separated (what the services' settings take).
redis_cluster_uris() {
  local center=$1 i uris=""
  for i in 1 2 3; do uris+="${uris:+,}redis://127.0.0.1:$(port_of "redis-$center-cluster-$i")"; done
  echo "$uris"
}

redis_cluster_ok() { redis-cli -p "$1" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }

# Joins a center's three nodes into one cluster (all 16384 slots over three masters) unless they already are one.
ensure_redis_cluster() {
  local center=$1 first i nodes=()
  first=$(port_of "redis-$center-cluster-1")
  redis_cluster_ok "$first" && return 0
  for i in 1 2 3; do nodes+=("127.0.0.1:$(port_of "redis-$center-cluster-$i")"); done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >> "$LOGS/redis-$center-cluster.log" 2>&1 \
    || fail "redis-$center-cluster-1" "redis-cli --cluster create failed (see $LOGS/redis-$center-cluster.log)"
  await "redis-$center-cluster-1" 30 redis_cluster_ok "$first"
}

start_es() {
  local name=$1 http=$2 transport=$3 home dir=$STACK_HOME/es/$1
  home=$(es_home)
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  rm -rf "$dir/config" && cp -r "$home/config" "$dir/config"
  cat > "$dir/config/elasticsearch.yml" <<EOF
cluster.name: member-$name
node.name: $name
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $http
transport.port: $transport
discovery.type: single-node
xpack.security.enabled: false
action.destructive_requires_name: false
EOF
  sed -i -e "s#logs/gc.log#$dir/logs/gc.log#" -e "s#-XX:HeapDumpPath=.*#-XX:HeapDumpPath=$dir/tmp#" \
    -e "s#-XX:ErrorFile=.*#-XX:ErrorFile=$dir/logs/hs_err_pid%p.log#" "$dir/config/jvm.options"
  chown -R "$ES_USER" "$dir"
  runuser -u "$ES_USER" -- test -r "$dir/config/elasticsearch.yml" -a -x "$home/bin/elasticsearch" \
    || fail "$name" "user $ES_USER cannot read $STACK_HOME (a parent folder is not world-executable): set MEMBER_STACK_HOME to a readable place" --no-log
  ln -sfn "$dir/logs/member-$name.log" "$LOGS/$name.log"
  runuser -u "$ES_USER" -- env ES_JAVA_HOME="$(java_home)" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
    ES_JAVA_OPTS="-Xms${MEMBER_ES_HEAP:-384m} -Xmx${MEMBER_ES_HEAP:-384m}" \
    "$home/bin/elasticsearch" -d -p "$dir/es.pid" > "$LOGS/$name.stdout" 2>&1 \
    || fail "$name" "elasticsearch did not daemonize"
  local deadline=$((SECONDS + 30))
  until [ -s "$dir/es.pid" ]; do
    [ $SECONDS -lt $deadline ] || fail "$name" "no PID file after 30s"
    sleep 1
  done
  # ES deletes its pidfile on shutdown: keep our own copy of the PID.
  cp "$dir/es.pid" "$RUN/$name.pid"
}

es_ready() { curl -sf "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null; }

es_templates() {
  local name=$1 port=$2 f
  # The templates live with the service that writes the documents (it also installs them at start-up).
  for f in "$REPO_ROOT"/es-sync-consumer/src/main/resources/es/*.json; do
    curl -sf -X PUT "http://127.0.0.1:$port/_index_template/$(basename "$f" .json)" \
      -H 'Content-Type: application/json' --data-binary @"$f" >/dev/null \
      || fail "$name" "index template $(basename "$f") was refused"
  done
}

rocketmq_java() {  # name, main class, args...
  local name=$1 main=$2 dir=$STACK_HOME/rocketmq; shift 2
  mkdir -p "$dir/home" "$dir/user-home"
  start_background "$name" env ROCKETMQ_HOME="$dir/home" java -Xms128m -Xmx256m -XX:+UseSerialGC \
    -Duser.home="$dir/user-home" -Drocketmq.home.dir="$dir/home" -Dtls.server.mode=disabled \
    -cp "$DIST/lib/*" "$main" "$@"
}

start_rocketmq_namesrv() {
  local dir=$STACK_HOME/rocketmq
  mkdir -p "$dir"
  printf 'listenPort=%s\n' "$ROCKETMQ_NAMESRV_PORT" > "$dir/namesrv.properties"
  rocketmq_java rocketmq-namesrv org.apache.rocketmq.namesrv.NamesrvStartup -c "$dir/namesrv.properties"
  await rocketmq-namesrv 60 port_busy "$ROCKETMQ_NAMESRV_PORT"
}

start_rocketmq_broker() {
  local dir=$STACK_HOME/rocketmq
  mkdir -p "$dir/store"
  cat > "$dir/broker.conf" <<EOF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerId=0
namesrvAddr=127.0.0.1:$ROCKETMQ_NAMESRV_PORT
brokerIP1=127.0.0.1
bindAddress=127.0.0.1
listenPort=$ROCKETMQ_BROKER_PORT
storePathRootDir=$dir/store
storePathCommitLog=$dir/store/commitlog
mappedFileSizeCommitLog=67108864
mappedFileSizeConsumeQueue=300000
deleteWhen=04
fileReservedTime=48
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
autoCreateTopicEnable=false
autoCreateSubscriptionGroup=true
diskMaxUsedSpaceRatio=95
EOF
  rocketmq_java rocketmq-broker org.apache.rocketmq.broker.BrokerStartup -c "$dir/broker.conf"
  await rocketmq-broker 90 port_busy "$ROCKETMQ_BROKER_PORT"
}

mqadmin() {
  java -Xmx128m -Duser.home="$STACK_HOME/rocketmq/user-home" -Drocketmq.client.logUseSlf4j=false \
    -cp "$DIST/lib/*" org.apache.rocketmq.tools.command.MQAdminStartup "$@" -n "127.0.0.1:$ROCKETMQ_NAMESRV_PORT"
}

create_topics() {
  local topic queues first
  first=$(grep -v '^#' "$DEPLOY_DIR/rocketmq/topics.txt" | awk 'NF {print $1; exit}')
  # The broker registers with the name server a few seconds after it listens.
  await rocketmq-broker 60 mqadmin_cluster_ready
  while read -r topic queues; do
    case "$topic" in ''|\#*) continue ;; esac
    mqadmin updateTopic -c DefaultCluster -t "$topic" -r "$queues" -w "$queues" >> "$LOGS/rocketmq-topics.log" 2>&1 \
      || fail rocketmq-broker "could not create topic $topic (see $LOGS/rocketmq-topics.log)"
  done < "$DEPLOY_DIR/rocketmq/topics.txt"
  await rocketmq-broker 30 mqadmin topicRoute -t "$first"
}

mqadmin_cluster_ready() { mqadmin clusterList 2>/dev/null | grep -q broker-a; }

legacy_url() {
  echo "jdbc:h2:tcp://127.0.0.1:$LEGACY_H2_PORT/legacy_member;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;INIT=CREATE SCHEMA IF NOT EXISTS dbo"
}

start_legacy_h2() {
  local dir=$STACK_HOME/legacy h2
  mkdir -p "$dir"
  h2=$(ls "$DIST"/lib/h2-*.jar | head -n 1)
  start_background legacy-h2 java -Xmx192m -cp "$h2" org.h2.tools.Server -tcp -tcpPort "$LEGACY_H2_PORT" \
    -baseDir "$dir" -ifNotExists
  await legacy-h2 30 port_busy "$LEGACY_H2_PORT"
  if [ ! -f "$dir/schema.done" ]; then
    java -cp "$h2" org.h2.tools.RunScript -url "$(legacy_url)" -user sa -script "$DEPLOY_DIR/sql/legacy-schema.sql" \
      >> "$LOGS/legacy-h2.log" 2>&1 || fail legacy-h2 "the legacy schema was refused"
    touch "$dir/schema.done"
  fi
}

# Endpoints for the services and the test harness, generated from ports.env and topology.env.
# What the services use as a center's cache: the single Redis, or with MEMBER_REDIS_SHAPE=cluster its cluster.
redis_center_uris() {
  if [ "${MEMBER_REDIS_SHAPE:-single}" = cluster ]; then redis_cluster_uris "$1"; else echo "redis://127.0.0.1:$(port_of "redis-$1")"; fi
}

write_stack_properties() {
  cat > "$STACK_HOME/stack.properties" <<EOF
# Generated by deploy/local/stack.sh from ports.env and topology.env: do not edit.
member.stack.home=$STACK_HOME
member.topology.databases=$MEMBER_DB_COUNT
member.topology.tables-per-database=$MEMBER_TABLES_PER_DB
member.stores.mysql.username=$DB_USER
member.stores.mysql.password=$DB_PASSWORD
member.stores.mysql.master=127.0.0.1:$MARIADB_A_MASTER_PORT
member.stores.mysql.replica-a=127.0.0.1:$MARIADB_A_REPLICA_PORT
member.stores.mysql.replica-b=127.0.0.1:$MARIADB_B_REPLICA_PORT
member.stores.redis.a=$(redis_center_uris a)
member.stores.redis.b=$(redis_center_uris b)
member.stores.redis.single-a=redis://127.0.0.1:$REDIS_A_PORT
member.stores.redis.single-b=redis://127.0.0.1:$REDIS_B_PORT
member.stores.redis.cluster-a=$(redis_cluster_uris a)
member.stores.redis.cluster-b=$(redis_cluster_uris b)
member.stores.redis.config=redis://127.0.0.1:$REDIS_CONFIG_PORT
member.stores.elasticsearch.primary=http://127.0.0.1:$ES_PRIMARY_PORT
member.stores.elasticsearch.backup=http://127.0.0.1:$ES_BACKUP_PORT
member.stores.elasticsearch.marketing=http://127.0.0.1:$ES_MARKETING_PORT
member.stores.rocketmq.name-server=127.0.0.1:$ROCKETMQ_NAMESRV_PORT
member.stores.legacy.url=$(legacy_url)
member.stores.legacy.username=sa
member.stores.legacy.password=
member.services.query=http://127.0.0.1:$QUERY_SERVICE_PORT
member.services.write=http://127.0.0.1:$WRITE_SERVICE_PORT
member.services.sync=http://127.0.0.1:$SYNC_SERVICE_PORT
member.services.migration=http://127.0.0.1:$MIGRATION_SERVICE_PORT
member.services.ops=http://127.0.0.1:$OPS_SERVICE_PORT
EOF
}

start_server() {
  local name=$1
  if running "$name"; then return 1; fi
  check_ports_free "$name"
  [ -n "$OWNED" ] && echo "$name" >> "$OWNED"
  case $name in
    mariadb-a-master) start_mariadb "$name" 1 ;;
    mariadb-a-replica) start_mariadb "$name" 2 ;;
    mariadb-b-replica) start_mariadb "$name" 3 ;;
    redis-*) start_redis "$name" ;;
    es-primary) start_es "$name" "$ES_PRIMARY_PORT" "$ES_PRIMARY_TRANSPORT_PORT" ;;
    es-backup) start_es "$name" "$ES_BACKUP_PORT" "$ES_BACKUP_TRANSPORT_PORT" ;;
    es-marketing) start_es "$name" "$ES_MARKETING_PORT" "$ES_MARKETING_TRANSPORT_PORT" ;;
    rocketmq-namesrv) start_rocketmq_namesrv ;;
    rocketmq-broker) start_rocketmq_broker ;;
    legacy-h2) start_legacy_h2 ;;
  esac
  return 0
}

# Starts one server and brings it to ready, including what depends on it being fresh (replication, templates).
bring_up() {
  local name=$1
  start_server "$name" || return 1
  case $name in
    mariadb-a-master) setup_master ;;
    mariadb-*-replica) setup_replica "$name" ;;
    es-primary|es-backup|es-marketing) await "$name" 120 es_ready "$(port_of "$name")"; es_templates "$name" "$(port_of "$name")" ;;
    rocketmq-broker) create_topics ;;
  esac
  return 0
}

# ---------------------------------------------------------------- services

service_jar() {
  case $1 in
    flow-control-config) echo "$REPO_ROOT/flow-control-config/target/flow-control-config-exec.jar" ;;
    *) echo "$REPO_ROOT/$1/target/$1.jar" ;;
  esac
}

build_services() {
  local stale=0 s jar
  for s in "${SERVICES[@]}"; do
    jar=$(service_jar "$s")
    if [ ! -f "$jar" ] || [ -n "$(find "$REPO_ROOT" -path "$STACK_HOME" -prune -o \( -name '*.java' -o -name 'pom.xml' \
        -o -name '*.yml' -o -name '*.xml' \) -newer "$jar" -not -path '*/target/*' -print -quit)" ]; then stale=1; fi
  done
  if [ $stale -eq 1 ]; then
    say "building the services (mvn package -DskipTests)"
    (cd "$REPO_ROOT" && mvn -B -q package -DskipTests) > "$LOGS/build.log" 2>&1 \
      || fail build "mvn package failed (see $LOGS/build.log)"
  fi
  # A running service keeps the copy of the build it started on: when target/ holds a newer one (built just now, or
  # by a build that ran meanwhile), stop it, and it starts again on the new build.
  for s in "${SERVICES[@]}"; do
    if running "$s" && [ "$(service_jar "$s")" -nt "$STACK_HOME/services/$s.jar" ]; then
      say "stopping $s to start it on the new build"; stop_one "$s"
    fi
  done
}

start_service() {
  local name=$1 port
  port=$(port_of "$name")
  running "$name" && return 1
  check_ports_free "$name"
  # A service runs from its own copy of the jar: a build (mvn verify, a benchmark's install) rewrites target/*.jar,
  # and a JVM whose jar is rewritten under it fails to load classes. The rename leaves a running copy's file intact.
  mkdir -p "$STACK_HOME/services"
  cp "$(service_jar "$name")" "$STACK_HOME/services/$name.jar.new"
  mv -f "$STACK_HOME/services/$name.jar.new" "$STACK_HOME/services/$name.jar"
  start_background "$name" java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$STACK_HOME/services/$name.jar" \
    --server.port="$port" --spring.config.import="file:$STACK_HOME/stack.properties"
  return 0
}

service_up() { curl -sf -m 5 "http://127.0.0.1:$1/actuator/health" | grep -q '"status":"UP"'; }

# Waits until every service is UP; fails at once, with its last log lines, when one exits (a service whose Spring
# context fails ends its JVM: ServiceMain), and names the ones still not UP after SECONDS.
await_services() {
  local seconds=$1 svc pending
  local deadline=$((SECONDS + seconds))
  while :; do
    pending=()
    for svc in "${SERVICES[@]}"; do
      running "$svc" || fail "$svc" "process exited during start-up"
      service_up "$(port_of "$svc")" || pending+=("$svc")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    [ $SECONDS -lt $deadline ] || fail "${pending[0]}" "not ready after ${seconds}s (not UP: ${pending[*]}; health: $(curl -s -m 5 \
      "http://127.0.0.1:$(port_of "${pending[0]}")/actuator/health" | grep -o '"[A-Za-z-]*":{"status":"DOWN"' | cut -d'"' -f2 | tr '\n' ' '))"
    sleep 1
  done
}

load_demo_data() {
  [ -f "$STACK_HOME/demo.done" ] && return 0
  say "loading the demo members"
  # A one-shot run of the write service that stores the demo members and exits.
  java -Xmx256m -jar "$(service_jar member-write-service)" --spring.profiles.active=demo-load \
    --spring.main.web-application-type=none --member.commands.consumer.enabled=false --member.outbox.relay.enabled=false \
    --spring.config.import="file:$STACK_HOME/stack.properties" \
    > "$LOGS/demo.log" 2>&1 || fail demo "loading the demo members failed (see $LOGS/demo.log)"
  touch "$STACK_HOME/demo.done"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local servers_only=0 owner=""
  while [ $# -gt 0 ]; do
    case $1 in
      --servers-only) servers_only=1 ;;
      --owner-pid) owner=$2; shift ;;
      *) echo "stack: unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
  mkdir -p "$RUN" "$LOGS"
  local started=() name
  # Refuse at once, before anything starts, when a port of a server that is not ours is taken.
  for name in "${SERVERS[@]}"; do running "$name" || check_ports_free "$name"; done
  install_packages
  fetch_distributions
  ensure_es_user
  [ -n "$owner" ] && watch_for "$owner"
  # Elasticsearch starts slowest: launch the three nodes first, finish them after the others.
  for name in es-primary es-backup es-marketing; do
    start_server "$name" && started+=("$name")
  done
  for name in mariadb-a-master mariadb-a-replica mariadb-b-replica redis-a redis-b redis-config "${REDIS_CLUSTER_NODES[@]}" \
              rocketmq-namesrv rocketmq-broker legacy-h2; do
    bring_up "$name" && started+=("$name")
  done
  ensure_redis_cluster a
  ensure_redis_cluster b
  create_member_schema
  for name in es-primary es-backup es-marketing; do
    await "$name" 150 es_ready "$(port_of "$name")"
    es_templates "$name" "$(port_of "$name")"
  done
  write_stack_properties
  say "servers ready${started[*]:+ (started: ${started[*]})}"
  [ $servers_only -eq 1 ] && return 0

  build_services
  local svc
  for svc in "${SERVICES[@]}"; do start_service "$svc" || true; done
  await_services 180
  load_demo_data
  cmd_status
  echo
  echo "Services:"
  for svc in "${SERVICES[@]}"; do printf '  %-22s http://127.0.0.1:%s\n' "$svc" "$(port_of "$svc")"; done
}

stop_one() {
  local name=$1 pid i
  pid=$(pid_of "$name")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$RUN/$name.pid"; return 0; fi
  case $name in
    mariadb-*) kill -TERM "$pid" ;;
    rocketmq-*) kill -9 "$pid" ;;   # its graceful shutdown takes 12-20 s; the store survives a kill
    *) kill -TERM "$pid" ;;
  esac
  for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$RUN/$name.pid"
}

cmd_down() {
  local name p left=()
  for name in "${SERVICES[@]}"; do stop_one "$name" & done; wait
  for name in "${SERVERS[@]}"; do stop_one "$name" & done; wait
  local watch
  for watch in "$RUN"/owner-*.watch; do
    [ -f "$watch" ] || continue
    kill "$(cat "$watch")" 2>/dev/null || true
    rm -f "$watch" "${watch%.watch}.list"
  done
  for name in "${SERVERS[@]}" "${SERVICES[@]}"; do
    for p in $(ports_of "$name"); do port_busy "$p" && left+=("$name:$p"); done
  done
  [ ${#left[@]} -eq 0 ] || { echo "stack: FAILED down: still listening: ${left[*]} (not started by this stack?)" >&2; exit 1; }
  say "stopped"
}

cmd_status() {
  local name pid state port health
  printf '%-22s %-7s %-8s %-9s %s\n' NAME PORT PID STATE HEALTH
  for name in "${SERVERS[@]}" "${SERVICES[@]}"; do
    port=$(port_of "$name"); pid=$(pid_of "$name"); health=-
    if running "$name"; then
      state=running
      health=$(health_of "$name" "$port")
    else
      state=stopped; pid=-
    fi
    printf '%-22s %-7s %-8s %-9s %s\n' "$name" "$port" "$pid" "$state" "$health"
  done
}

health_of() {
  local name=$1 port=$2
  if is_service "$name"; then
    curl -s -m 5 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -o '^{"status":"[A-Z_]*"' | cut -d'"' -f4 | grep . \
      || echo unreachable
    return 0
  fi
  case $name in
    mariadb-a-master) sql "$name" -N -e "SELECT 'ok'" 2>/dev/null || echo unreachable ;;
    mariadb-*-replica) replica_running "$name" 2>/dev/null && echo "replicating" || echo "replication stopped" ;;
    redis-*) redis-cli -p "$port" ping 2>/dev/null || echo unreachable ;;
    es-primary|es-backup|es-marketing) curl -sf "http://127.0.0.1:$port/_cluster/health" 2>/dev/null | sed -E 's/.*"status":"([a-z]+)".*/\1/' || echo unreachable ;;
    rocketmq-*|legacy-h2) port_busy "$port" && echo listening || echo "not listening" ;;
  esac
}

cmd_logs() {
  if [ $# -eq 0 ]; then tail -n 20 "$LOGS"/*.log; else port_of "$1" >/dev/null; tail -n 100 "$LOGS/$1.log"; fi
}

cmd_stop() { port_of "$1" >/dev/null; stop_one "$1"; say "$1 stopped"; }

# SIGSTOP / SIGCONT by PID: a frozen server holds its port and accepts connections but answers nothing (fault drills).
cmd_signal() {
  local signal=$1 name=$2 pid
  port_of "$name" >/dev/null
  running "$name" || fail "$name" "not running" --no-log
  pid=$(pid_of "$name")
  kill "-$signal" "$pid"
  say "$name $([ "$signal" = STOP ] && echo frozen || echo thawed) (PID $pid)"
}

cmd_start() {
  local name=$1
  port_of "$name" >/dev/null
  mkdir -p "$RUN" "$LOGS"
  if is_service "$name"; then
    start_service "$name" || true
    await "$name" 180 service_up "$(port_of "$name")"
  else
    bring_up "$name" || true
    case $name in es-primary|es-backup|es-marketing) await "$name" 150 es_ready "$(port_of "$name")" ;; esac
  fi
  say "$name running"
}

cmd_clean() {
  local name
  for name in "${SERVERS[@]}" "${SERVICES[@]}"; do
    running "$name" && { echo "stack: FAILED clean: $name is running (stack.sh down first)" >&2; exit 1; }
  done
  rm -rf "$STACK_HOME/mariadb" "$STACK_HOME/redis" "$STACK_HOME/es" "$STACK_HOME/rocketmq" "$STACK_HOME/legacy" \
    "$STACK_HOME/demo.done" "$STACK_HOME/stack.properties"
  say "data removed (distributions kept in $DIST)"
}

# With --owner-pid: every server this call starts is recorded in $OWNED, and one watcher per owner stops the
# recorded servers once the owner (the build) has ended, however it ended, even if this call fails half-way.
watch_for() {
  local owner=$1 watcher
  OWNED=$RUN/owner-$owner.list
  touch "$OWNED"
  watcher=$(cat "$RUN/owner-$owner.watch" 2>/dev/null || true)
  if [ -z "$watcher" ] || ! kill -0 "$watcher" 2>/dev/null; then
    setsid nohup "$DEPLOY_DIR/stack.sh" _watch "$owner" >> "$LOGS/watch.log" 2>&1 < /dev/null &
    echo $! > "$RUN/owner-$owner.watch"
  fi
}

cmd_watch() {
  local owner=$1 name
  while kill -0 "$owner" 2>/dev/null; do sleep 2; done
  echo "stack: owner $owner ended; stopping $(tr '\n' ' ' < "$RUN/owner-$owner.list")"
  while read -r name; do stop_one "$name" & done < "$RUN/owner-$owner.list"
  wait
  rm -f "$RUN/owner-$owner.list" "$RUN/owner-$owner.watch"
}

# Another sharded schema beside the stack's own, e.g. the 1,024-shard shape for a test: schema DBS TABLES PREFIX.
cmd_schema() {
  local dbs=${1:-} tables=${2:-} prefix=${3:-} digest marker
  [[ "$dbs" =~ ^[0-9]+$ && "$tables" =~ ^[0-9]+$ && "$prefix" =~ ^[a-z][a-z0-9_]*_$ ]] \
    || { echo "stack: usage: stack.sh schema DATABASES TABLES PREFIX_ (e.g. schema 16 64 member1024_db_)" >&2; exit 2; }
  [ "$prefix" != member_db_ ] || { echo "stack: member_db_ is the stack's own schema" >&2; exit 2; }
  running mariadb-a-master || fail mariadb-a-master "not running (stack.sh up first)" --no-log
  digest=$(sha256sum < "$DEPLOY_DIR/sql/member-shard.sql" | cut -c1-16)
  marker="$STACK_HOME/mariadb/schema-$prefix$dbs-$tables"
  [ "$(cat "$marker" 2>/dev/null)" = "$digest" ] && { say "schema $prefix* ($dbs x $tables) is current"; return 0; }
  say "applying the member schema as $prefix*: $dbs databases x $tables tables"
  apply_shard_schema "$dbs" "$tables" "$prefix"
  echo "$digest" > "$marker"
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  stop) cmd_stop "${2:?stack.sh stop NAME}" ;;
  start) cmd_start "${2:?stack.sh start NAME}" ;;
  freeze) cmd_signal STOP "${2:?stack.sh freeze NAME}" ;;
  thaw) cmd_signal CONT "${2:?stack.sh thaw NAME}" ;;
  clean) cmd_clean ;;
  schema) shift; cmd_schema "$@" ;;
  _watch) shift; cmd_watch "$@" ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
