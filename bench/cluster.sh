#!/usr/bin/env bash
# Two Marquee nodes on one database behind a load balancer, on one machine and without Docker: the
# topology docker-compose.yml describes (there: MongoDB 8, two app containers, nginx), built from the jar
# and Debian's nginx. See docs/benchmarks.md, "The two-node cluster".
#
#   bench/cluster.sh up        # database :27117, node A :8281, node B :8282, nginx :8280 (round robin,
#                              # WebSocket upgrade passed through); waits until all answer; demo data loaded
#   bench/cluster.sh status    # which processes run, /actuator/health of each node through nginx and directly
#   bench/cluster.sh down      # stops nginx, both nodes and the database (the data dir stays)
#   CLUSTER_DIR=/tmp/c DATA_RESET=1 bench/cluster.sh up     # another place; start from an empty database
#
# The nodes reach the database through MONGODB_URI, so they take the real-MongoDB code path (no
# in-process server): the change log is followed by polling, as on a standalone MongoDB. Logs and pid files
# are in $CLUSTER_DIR (default bench/results/cluster, git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CLUSTER_DIR=${CLUSTER_DIR:-$ROOT/bench/results/cluster}
DB_PORT=${DB_PORT:-27117}
NODE_A_PORT=${NODE_A_PORT:-8281}
NODE_B_PORT=${NODE_B_PORT:-8282}
LB_PORT=${LB_PORT:-8280}
JAVA=${BENCH_JAVA:-java}
JVM_OPTS=${JVM_OPTS:-"-Xms256m -Xmx1g"}
JAR=${JAR:-$ROOT/target/marquee.jar}
export MARQUEE_ADMIN_USERNAME=${MARQUEE_ADMIN_USERNAME:-admin}
export MARQUEE_ADMIN_PASSWORD=${MARQUEE_ADMIN_PASSWORD:-cluster-admin-password-1}

die() { echo "cluster: $*" >&2; exit 1; }

wait_for() { # url, seconds
	local url=$1 deadline=$((SECONDS + $2))
	until curl -fsS -o /dev/null "$url" 2>/dev/null; do
		((SECONDS < deadline)) || return 1
		sleep 0.5
	done
}

running() { [[ -f $CLUSTER_DIR/$1.pid ]] && kill -0 "$(cat "$CLUSTER_DIR/$1.pid")" 2>/dev/null; }

start_node() { # name, port
	local name=$1 port=$2
	running "$name" && die "$name already runs (pid $(cat "$CLUSTER_DIR/$name.pid")): bench/cluster.sh down first"
	# nginx is the direct peer of every request through :$LB_PORT: its X-Forwarded-For names the client whose
	# budget a query spends (marquee.rate-limit.trusted-proxies)
	MONGODB_URI="mongodb://127.0.0.1:$DB_PORT/marquee" MARQUEE_DEMO_DATA=always SERVER_PORT=$port \
		MARQUEE_RATELIMIT_TRUSTEDPROXIES=127.0.0.1/32 \
		MARQUEE_DATA_DIR="$CLUSTER_DIR/node-$name" \
		nohup "$JAVA" $JVM_OPTS -jar "$JAR" >"$CLUSTER_DIR/$name.log" 2>&1 &
	echo $! >"$CLUSTER_DIR/$name.pid"
	wait_for "http://127.0.0.1:$port/actuator/health" 120 \
		|| die "node $name did not become healthy on :$port (see $CLUSTER_DIR/$name.log)"
	echo "node $name: http://127.0.0.1:$port (pid $(cat "$CLUSTER_DIR/$name.pid"))"
}

nginx_conf() {
	cat <<EOF
worker_processes 1;
pid $CLUSTER_DIR/nginx.pid;
error_log $CLUSTER_DIR/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $CLUSTER_DIR/nginx-tmp/body;
	proxy_temp_path $CLUSTER_DIR/nginx-tmp/proxy;
	fastcgi_temp_path $CLUSTER_DIR/nginx-tmp/fastcgi;
	uwsgi_temp_path $CLUSTER_DIR/nginx-tmp/uwsgi;
	scgi_temp_path $CLUSTER_DIR/nginx-tmp/scgi;
	client_max_body_size 25m;
	upstream marquee {
		server 127.0.0.1:$NODE_A_PORT;
		server 127.0.0.1:$NODE_B_PORT;
		keepalive 64;
	}
	map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
	server {
		listen 127.0.0.1:$LB_PORT;
		location / {
			proxy_pass http://marquee;
			proxy_http_version 1.1;
			proxy_set_header Upgrade \$http_upgrade;
			proxy_set_header Connection \$connection_upgrade;
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto \$scheme;
			# subscriptions and SSE are long-lived; the app sends keep-alive pings well inside this
			proxy_read_timeout 1h;
			proxy_buffering off;
		}
	}
}
EOF
}

up() {
	command -v nginx >/dev/null || die "nginx is not installed (apt-get install nginx-light)"
	[[ -f $JAR ]] || die "no $JAR: ./mvnw -q -o package -DskipTests first"
	mkdir -p "$CLUSTER_DIR/nginx-tmp"
	[[ ${DATA_RESET:-0} == 1 ]] && rm -rf "$CLUSTER_DIR/db"
	running database && die "the database already runs: bench/cluster.sh down first"
	nohup "$JAVA" -Xmx1g -jar "$JAR" database --port "$DB_PORT" --data-dir "$CLUSTER_DIR/db" \
		>"$CLUSTER_DIR/database.log" 2>&1 &
	echo $! >"$CLUSTER_DIR/database.pid"
	local deadline=$((SECONDS + 60))
	until grep -q "Marquee database listening" "$CLUSTER_DIR/database.log" 2>/dev/null; do
		kill -0 "$(cat "$CLUSTER_DIR/database.pid")" 2>/dev/null || die "the database stopped (see $CLUSTER_DIR/database.log)"
		((SECONDS < deadline)) || die "the database did not start (see $CLUSTER_DIR/database.log)"
		sleep 0.5
	done
	echo "database: mongodb://127.0.0.1:$DB_PORT/marquee (pid $(cat "$CLUSTER_DIR/database.pid"))"
	# one after the other: the first creates the admin account, the keys and the demo data in the empty
	# database; the second finds them there
	start_node a "$NODE_A_PORT"
	start_node b "$NODE_B_PORT"
	nginx_conf >"$CLUSTER_DIR/nginx.conf"
	nginx -t -q -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR" 2>"$CLUSTER_DIR/nginx-error.log" \
		|| die "nginx refused its configuration (see $CLUSTER_DIR/nginx-error.log)"
	nginx -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR"
	wait_for "http://127.0.0.1:$LB_PORT/actuator/health" 10 || die "nginx does not answer on :$LB_PORT"
	echo "load balancer: http://127.0.0.1:$LB_PORT/graphql (ws://127.0.0.1:$LB_PORT/graphql)"
}

stop_pid() { # name
	if running "$1"; then
		kill "$(cat "$CLUSTER_DIR/$1.pid")"
		local deadline=$((SECONDS + 30))
		while running "$1" && ((SECONDS < deadline)); do sleep 0.3; done
		running "$1" && kill -9 "$(cat "$CLUSTER_DIR/$1.pid")"
		echo "stopped $1"
	fi
	rm -f "$CLUSTER_DIR/$1.pid"
}

down() {
	if [[ -f $CLUSTER_DIR/nginx.pid ]]; then
		nginx -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR" -s quit 2>/dev/null || true
		echo "stopped nginx"
	fi
	stop_pid b
	stop_pid a
	stop_pid database # SIGTERM closes its file cleanly
}

status() {
	for p in database a b nginx; do
		if [[ -f $CLUSTER_DIR/$p.pid ]] && kill -0 "$(cat "$CLUSTER_DIR/$p.pid")" 2>/dev/null; then
			echo "$p: running (pid $(cat "$CLUSTER_DIR/$p.pid"))"
		else
			echo "$p: not running"
		fi
	done
	for port in "$LB_PORT" "$NODE_A_PORT" "$NODE_B_PORT"; do
		printf ':%s health: %s\n' "$port" "$(curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null || echo down)"
	done
}

case ${1:-} in
	up) up ;;
	down) down ;;
	status) status ;;
	*) echo "usage: bench/cluster.sh up|status|down" >&2; exit 2 ;;
esac
