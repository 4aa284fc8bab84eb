# Sourced by the live benchmarks: start_node JAR DIR [java options...] starts one node on the embedded default
# with its data in DIR/data (no demo data), the limits raised for 2,000 sockets and subscriptions from one
# address, the admin and scrape token Live.java uses (java options, e.g. -Dmarquee.…=…, override them); waits
# until it is ready and leaves its pid in PID.
start_node() {
	local jar=$1 dir=$2
	shift 2
	SERVER_PORT=18492 MARQUEE_ADMIN_PASSWORD=Bench-Admin-Passw0rd! MARQUEE_METRICS_SCRAPE_TOKEN=bench-scrape-token-123456 \
		MARQUEE_LIVE_MAXCONNECTIONSPERCLIENT=2000 MARQUEE_LIVE_MAXSUBSCRIPTIONSPERCLIENT=2000 MARQUEE_DEMO_DATA=never \
		java -Xms512m -Xmx1g "$@" -jar "$jar" --marquee.data-dir="$dir/data" > "$dir/app.log" 2>&1 &
	PID=$!
	until [[ "$(curl -s http://127.0.0.1:18492/actuator/health/readiness)" == *UP* ]]; do
		kill -0 $PID 2>/dev/null || { echo "the node did not start, see $dir/app.log" >&2; exit 1; }
		sleep 1
	done
}
