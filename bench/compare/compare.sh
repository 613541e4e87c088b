#!/usr/bin/env bash
# Side by side, in one run on this machine: 3-node rarakoon, 3-member etcd and 3-member ZooKeeper on
# 127.0.0.1, fsync on everywhere, driven by one load generator (loadgen/, a copy of the shared bench
# loadgen with a rarakoon client and an atomic multi-put workload added). Also measures the floor of a
# replicated synced write: client round trip + max(own fsync, peer round trip + peer fsync).
# Prints a markdown table of ratios; raw JSON lines go to $RESULTS_DIR/compare-DATE.jsonl.
#
# usage: bench/compare/compare.sh            (~20 minutes; keep the machine otherwise idle)
#   SYSTEMS="rarakoon etcd zk"  WORKLOADS="seq par get batch"  WARMUP_SECONDS=30  MAX_SECONDS=150
# The warm-up is long because two of the three systems run on the JVM: their hot paths are compiled
# only after some seconds of load (with 5 s, rarakoon's 1-client p50 measured 1.08 ms; with 30 s,
# 0.30 ms on the same idle machine).
#   SEQ_OPS=5000 PAR_OPS=50000 GET_OPS=50000 BATCH_OPS=10000 (ops per measurement)
#   ROUNDS=1: with N > 1, N rounds of floor and systems, each round starting with the next system;
#   the table gives medians over the rounds and each round's ratio (this machine's speed drifts over
#   the minutes between the systems of one round, more over a whole run).
# Installs etcd-server and zookeeper with apt-get when missing (needs root). Ends the processes it
# started by PID and deletes its scratch folder on exit. Never part of the Maven build.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
LOADGEN_DIR="$HERE/loadgen"
RARAKOON_JAR="$REPO/bin/target/rarakoon.jar"
CLIENT_JAR="$REPO/client/target/client-0.1.0-SNAPSHOT.jar"
SYSTEMS="${SYSTEMS:-rarakoon etcd zk}"
WORKLOADS="${WORKLOADS:-seq par get batch}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
ROUNDS="${ROUNDS:-1}"
MAX_SECONDS="${MAX_SECONDS:-150}"
SEQ_OPS="${SEQ_OPS:-5000}"
PAR_OPS="${PAR_OPS:-50000}"
GET_OPS="${GET_OPS:-50000}"
BATCH_OPS="${BATCH_OPS:-10000}"
SERVER_HEAP="${SERVER_HEAP:-1g}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results}"
SCRATCH="$(mktemp -d /tmp/compare.XXXXXX)"
BG_PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

start_bg() {  # start_bg LOGFILE CMD... : background CMD, remembered in BG_PIDS and LAST_PID
  local logfile="$1"; shift
  "$@" >"$logfile" 2>&1 &
  LAST_PID=$!
  BG_PIDS+=("$LAST_PID")
}

stop_pid() {  # TERM, wait up to 15 s, then KILL; only PIDs this script started
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${BG_PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_until() {  # wait_until SECONDS CMD... : poll CMD every 0.2 s
  local secs="$1"; shift
  local end=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || return 1
    sleep 0.2
  done
}

install_peers() {
  command -v etcd >/dev/null && command -v etcdctl >/dev/null && dpkg -L libzookeeper-java >/dev/null 2>&1 && return 0
  log "installing etcd-server and zookeeper"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server etcd-client zookeeper >/dev/null
}

build() {
  if [ ! -f "$RARAKOON_JAR" ] || [ ! -f "$CLIENT_JAR" ]; then
    log "building rarakoon"
    (cd "$REPO" && mvn -B -ntp -q -pl bin -am package -DskipTests)
  fi
  local jar="$LOADGEN_DIR/target/loadgen.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$LOADGEN_DIR/src" "$LOADGEN_DIR/pom.xml" "$CLIENT_JAR" -newer "$jar" -print -quit)" ]; then
    log "building loadgen"
    (cd "$LOADGEN_DIR" && mvn -B -ntp -q package -DskipTests -Drarakoon.client.jar="$CLIENT_JAR")
  fi
}

loadgen() {
  timeout $((MAX_SECONDS + 120)) java -Xms1g -Xmx1g \
    -cp "$LOADGEN_DIR/target/loadgen.jar:$LOADGEN_DIR/target/lib/*:$CLIENT_JAR" bench.loadgen.LoadGen "$@"
}

# members_exited PIDS(comma-separated) LOGDIR: prints the PIDs that have exited and the end of the
# member logs in LOGDIR; true if any has exited.
members_exited() {
  local pid gone=()
  for pid in ${1//,/ }; do
    # /proc/PID/stat is gone once the shell has reaped the member; ") Z" is one not yet reaped.
    { [ -r "/proc/$pid/stat" ] && ! grep -q ') Z' "/proc/$pid/stat"; } 2>/dev/null || gone+=("$pid")
  done
  [ ${#gone[@]} -gt 0 ] || return 1
  echo "members exited: PIDs ${gone[*]} of $1; the end of the member logs:" >&2
  tail -n 20 "$2"/*.log >&2
}

# run_workloads SYSTEM LABEL ENDPOINTS SERVER_PIDS LOGDIR [extra loadgen options...]
# Stops at the first workload after which a member has exited: a result from the members left
# would not be of the 3-member ensemble the comparison is about.
run_workloads() {
  local system="$1" label="$2" eps="$3" spids="$4" logdir="$5"; shift 5
  local w common=(--system "$system" --endpoints "$eps" --value-size 100 --max-seconds "$MAX_SECONDS"
                  --warmup-seconds "$WARMUP_SECONDS" --label "$label" --out "$OUT"
                  --clk-tck "$(getconf CLK_TCK)" --server-pids "$spids")
  for w in $WORKLOADS; do
    log "$label: $w"
    case "$w" in
      seq)   loadgen run "${common[@]}" --workload put --clients 1 --ops "$SEQ_OPS" "$@" ;;
      par)   loadgen run "${common[@]}" --workload put --clients 64 --ops "$PAR_OPS" "$@" ;;
      get)   loadgen run "${common[@]}" --workload get --clients 64 --ops "$GET_OPS" --keys 1000 "$@" ;;
      batch) loadgen run "${common[@]}" --workload batch --batch 10 --clients 16 --ops "$BATCH_OPS" "$@" ;;
      *) echo "unknown workload $w" >&2; return 1 ;;
    esac >/dev/null || log "workload $w of $label failed, continuing"
    if members_exited "$spids" "$logdir"; then
      log "$label: a member exited during $w; its remaining workloads are not run"
      return 0
    fi
  done
}

measure_floor() {
  log "floor: fsync of a growing file, and loopback round trip"
  rm -rf "$SCRATCH/fsync"
  loadgen fsync --dir "$SCRATCH/fsync" --mode append --block 4096 --count 3000 --max-seconds 60 >>"$OUT"
  loadgen tcp-pingpong --size 64 --iters 20000 --max-seconds 60 >>"$OUT"
}

run_rarakoon() {
  local d="$SCRATCH/rarakoon" i pids=() eps=()
  rm -rf "$d"  # fresh members each round
  mkdir -p "$d"
  printf '[cluster]\nid = "bench"\n' >"$d/cluster.toml"
  for i in 0 1 2; do
    printf '\n[[nodes]]\nname = "node_%d"\naddresses = ["127.0.0.1"]\nclient_port = %d\nmessaging_port = %d\nhome_dir = "node_%d"\n' \
      "$i" $((24471 + i)) $((24481 + i)) "$i" >>"$d/cluster.toml"
    eps+=("127.0.0.1:$((24471 + i))")
  done
  for i in 0 1 2; do
    start_bg "$d/node_$i.log" java -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -jar "$RARAKOON_JAR" \
      --config "$d/cluster.toml" --node "node_$i"
    pids+=("$LAST_PID")
  done
  if ! wait_until 60 java -jar "$RARAKOON_JAR" client --config "$d/cluster.toml" --timeout-secs 2 who-master; then
    tail -n 20 "$d"/node_*.log >&2; return 1
  fi
  log "rarakoon master: $(java -jar "$RARAKOON_JAR" client --config "$d/cluster.toml" who-master)"
  run_workloads bench.loadgen.RarakoonSystem "rarakoon" "$(IFS=,; echo "${eps[*]}")" \
    "$(IFS=,; echo "${pids[*]}")" "$d" --cluster-id bench
  for i in "${pids[@]}"; do stop_pid "$i"; done
}

run_etcd() {
  local d="$SCRATCH/etcd" i pids=() eps=() ic=() leader
  rm -rf "$d"  # fresh members each round
  mkdir -p "$d"
  for i in 1 2 3; do
    eps+=("127.0.0.1:$((24370 + i))"); ic+=("m$i=http://127.0.0.1:$((24380 + i))")
  done
  local all; all="$(IFS=,; echo "${eps[*]}")"
  for i in 1 2 3; do
    start_bg "$d/m$i.log" etcd --name "m$i" --data-dir "$d/m$i" \
      --listen-client-urls "http://127.0.0.1:$((24370 + i))" --advertise-client-urls "http://127.0.0.1:$((24370 + i))" \
      --listen-peer-urls "http://127.0.0.1:$((24380 + i))" --initial-advertise-peer-urls "http://127.0.0.1:$((24380 + i))" \
      --initial-cluster "$(IFS=,; echo "${ic[*]}")" --initial-cluster-state new --initial-cluster-token bench \
      --logger zap --log-level warn
    pids+=("$LAST_PID")
  done
  etcd_leader() {
    ETCDCTL_API=3 etcdctl --endpoints="$all" endpoint status -w json | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    st = s["Status"]
    if st["header"]["member_id"] == st["leader"]:
        print(s["Endpoint"].replace("http://", "")); break
else:
    sys.exit(1)'
  }
  if ! wait_until 60 etcd_leader; then tail -n 20 "$d"/m*.log >&2; return 1; fi
  leader="$(etcd_leader)"
  log "etcd leader: $leader"
  run_workloads etcd "etcd" "$leader" "$(IFS=,; echo "${pids[*]}")" "$d"
  for i in "${pids[@]}"; do stop_pid "$i"; done
}

zk_mode() {  # zk_mode PORT -> leader|follower (four-letter word srvr)
  ( exec 3<>"/dev/tcp/127.0.0.1/$1" && printf srvr >&3 && timeout 2 cat <&3 ) 2>/dev/null | sed -n 's/^Mode: //p'
}

run_zk() {
  local d="$SCRATCH/zk" i j pids=() leader=""
  rm -rf "$d"  # fresh members each round
  local zk_jar slf4j
  zk_jar="$(dpkg -L libzookeeper-java | grep '/zookeeper\.jar$' | head -1)"
  slf4j="$(dpkg -L libslf4j-java 2>/dev/null | grep '/slf4j-simple\.jar$' | head -1 || true)"
  for i in 1 2 3; do
    mkdir -p "$d/zk$i/data"
    echo "$i" >"$d/zk$i/data/myid"
    {
      echo "tickTime=2000"; echo "initLimit=10"; echo "syncLimit=5"; echo "dataDir=$d/zk$i/data"
      echo "clientPort=$((21810 + i))"; echo "clientPortAddress=127.0.0.1"; echo "maxClientCnxns=0"
      echo "admin.enableServer=false"; echo "4lw.commands.whitelist=srvr"
      for j in 1 2 3; do echo "server.$j=127.0.0.1:$((28880 + j)):$((38880 + j))"; done
    } >"$d/zk$i/zoo.cfg"
    start_bg "$d/zk$i.log" java -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -Dzookeeper.admin.enableServer=false \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$zk_jar${slf4j:+:$slf4j}" \
      org.apache.zookeeper.server.quorum.QuorumPeerMain "$d/zk$i/zoo.cfg"
    pids+=("$LAST_PID")
  done
  zk_serving() {
    for i in 1 2 3; do case "$(zk_mode $((21810 + i)))" in leader|follower) ;; *) return 1 ;; esac; done
  }
  if ! wait_until 90 zk_serving; then tail -n 20 "$d"/zk*.log >&2; return 1; fi
  for i in 1 2 3; do [ "$(zk_mode $((21810 + i)))" = leader ] && leader="127.0.0.1:$((21810 + i))"; done
  log "zookeeper leader: $leader"
  run_workloads zk "zookeeper" "$leader" "$(IFS=,; echo "${pids[*]}")" "$d"
  for i in "${pids[@]}"; do stop_pid "$i"; done
}

install_peers
build
mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/compare-$(date +%Y%m%d-%H%M%S).jsonl"
printf '{"kind":"env","date":"%s","cpus":%d,"load_avg":"%s","etcd":"%s","zookeeper":"%s","java":"%s"}\n' \
  "$(date -u +%FT%TZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(etcd --version | head -1)" \
  "$(dpkg-query -W -f='${Version}' libzookeeper-java)" "$(java -version 2>&1 | head -1 | tr -d '"')" >>"$OUT"
read -r -a systems <<<"$SYSTEMS"
for round in $(seq 1 "$ROUNDS"); do
  if [ "$ROUNDS" -gt 1 ]; then
    log "round $round of $ROUNDS"
    printf '{"kind":"round","round":%d}\n' "$round" >>"$OUT"
  fi
  measure_floor
  # Each round starts with the next system, so that none is always measured first or last.
  for i in "${!systems[@]}"; do "run_${systems[$(( (i + round - 1) % ${#systems[@]} ))]}"; done
done
python3 "$HERE/table.py" "$OUT"
echo "raw results: $OUT" >&2
