#!/usr/bin/env bash
# Catch-up of a wiped node: starts a 3-node cluster on 127.0.0.1 (client ports 24471-24473) in a
# scratch folder, fills it with OPS sets of VS-byte values, stops a slave, deletes its files,
# restarts it and times its catch-up from the start and end lines of its own log.
# usage: OPS=25000 VS=4096 bench/compare/catchup.sh (CLIENTS, default 16, sets the writers;
# KEY_ORDER=random scatters the new keys over the key space instead of writing them in order)
# A/B: JARS="a.jar b.jar" ROUNDS=3 bench/compare/catchup.sh writes the cluster once with the first
# jar, then catches the wiped slave up ROUNDS times with each jar in turn (the slave's own code is
# what the catch-up measures on the receiving side; the source runs the first jar).
# Nodes run with NODE_JVM (default "-Xms2g -Xmx2g", the figures of record); NODE_JVM="-Xms2g -Xmx2g
# -XX:+AlwaysPreTouch" measures with the heap touched at start, as docs/operations.md recommends.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JARS=(${JARS:-$HERE/../../bin/target/rarakoon.jar})
ROUNDS=${ROUNDS:-1}
J=${JARS[0]}
DIR="$(mktemp -d /tmp/catchup.XXXXXX)"
cd "$DIR"
printf '[cluster]\nid = "bench"\n' >cluster.toml
for i in 0 1 2; do
  printf '\n[[nodes]]\nname = "node_%d"\naddresses = ["127.0.0.1"]\nclient_port = %d\nmessaging_port = %d\nhome_dir = "node_%d"\n' \
    "$i" $((24471 + i)) $((24481 + i)) "$i" >>cluster.toml
done
OPS=${OPS:-25000}; VS=${VS:-4096}; CLIENTS=${CLIENTS:-16}; KEY_ORDER=${KEY_ORDER:-sequential}
read -r -a NODE_JVM <<<"${NODE_JVM:--Xms2g -Xmx2g}"
PIDS=()
for i in 0 1 2; do
  mkdir -p node_$i
  java "${NODE_JVM[@]}" -jar "$J" --config cluster.toml --node node_$i > node_$i.log 2>&1 &
  PIDS+=($!)
done
sleep 5
java -jar "$J" benchmark --config cluster.toml --clients $CLIENTS --value-size $VS --ops $OPS \
  --key-order "$KEY_ORDER" 2>/dev/null | head -1
M=$(java -jar "$J" client --config cluster.toml who-master); echo "master $M"
java -jar "$J" client --config cluster.toml statistics | grep -E "applied_index|node_"
V=node_2; [ "$M" = node_2 ] && V=node_1
VI=${V#node_}
du -sh node_$VI
# Segments are compressed once complete, so du understates the log: sum the entries' own bytes.
java -jar "$J" wal dump node_$VI 2>/dev/null | awk -F'bytes=' '/bytes=/ { n++; s += $2 }
  END { printf "log: %d entries, %.0f MiB of entries\n", n, s / 1048576 }'
for round in $(seq 1 "$ROUNDS"); do
  for jar in "${JARS[@]}"; do
    kill "${PIDS[$VI]}"; wait "${PIDS[$VI]}" 2>/dev/null
    rm -rf node_$VI; mkdir node_$VI
    T0=$(date +%s.%N)
    java "${NODE_JVM[@]}" -jar "$jar" --config cluster.toml --node $V > $V.restart.log 2>&1 &
    PIDS[$VI]=$!
    # The slave's own log lines time the catch-up: the master's view of the slave may still be
    # the position it had before it was stopped.
    for k in $(seq 1 600); do
      grep -q "caught up" "$V/$V.log" 2>/dev/null && break
      sleep 0.5
    done
    T1=$(date +%s.%N)
    echo "$(basename "$jar"): restart to caught up: $(echo "$T1 - $T0" | bc) s"
    grep -h "catches up\|caught up" "$V/$V.log" | python3 -c '
import datetime, re, sys
lines = sys.stdin.read()
print(lines, end="")
times = [datetime.datetime.strptime(t, "%H:%M:%S.%f") for t in re.findall(r" (\d\d:\d\d:\d\d\.\d+) ", lines)]
last = re.findall(r"to index (\d+)", lines)
if len(times) >= 2 and last:
    seconds = (times[1] - times[0]).total_seconds()
    print(f"catch-up: {int(last[0]) + 1} entries in {seconds:.2f} s, {(int(last[0]) + 1) / seconds:.0f} entries/s")'
    sleep 3
  done
done
kill "${PIDS[@]}" 2>/dev/null
wait
rm -rf "$DIR"
