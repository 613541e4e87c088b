#!/usr/bin/env python3
"""Where one thread (e.g. a node's loop, `node_0-loop`) spends its running time in a JFR
recording: Java code (execution samples) against native calls (native-method samples: fsync,
event-loop wake-ups, writes). Parked time is not sampled by JFR and is left out.

usage: jfr_wall.py FILE.jfr THREAD_NAME_PREFIX   (needs the JDK's `jfr` tool on the PATH)"""
import collections
import re
import subprocess
import sys


def main(path, prefix):
    shares, total = collections.Counter(), 0
    for event_name in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        out = subprocess.run(["jfr", "print", "--events", event_name, "--stack-depth", "8", path],
                             capture_output=True, text=True, check=True).stdout
        for event in out.split(event_name)[1:]:
            thread = re.search(r'sampledThread = "([^"]*)"', event)
            frames = re.findall(r'^\s+([\w$.<>]+)\(', event, re.M)
            if not thread or not thread.group(1).startswith(prefix) or not frames:
                continue
            total += 1
            if event_name == "jdk.ExecutionSample":
                shares["running Java code"] += 1
            elif "force" in frames[0]:
                shares["native: fsync (FileChannel.force)"] += 1
            else:
                shares["native: " + frames[0]] += 1
    print(f"{total} samples of {prefix}")
    for name, count in shares.most_common(10):
        print(f"{count * 100 / total:5.1f}% {name}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
