#!/usr/bin/env python3
"""Summarizes the CPU samples of a JFR recording: share per thread, the hottest frames, and the
rarakoon methods with the most samples below them.

usage: jfr_top.py FILE.jfr [N]   (needs the JDK's `jfr` tool on the PATH)"""
import collections
import re
import subprocess
import sys


def main(path, n):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64",
                          path], capture_output=True, text=True, check=True).stdout
    own, below, threads = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for event in out.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = re.findall(r'^\s+([\w$.<>]+)\(', event, re.M)
        if not frames:
            continue
        total += 1
        threads[re.sub(r"\d+", "#", thread.group(1)) if thread else "?"] += 1
        own[frames[0]] += 1
        below.update(set(frames))
    print(f"{total} samples")
    for title, counter, keep in (("threads", threads, lambda k: True),
                                 ("hottest frames", own, lambda k: True),
                                 ("rarakoon methods, samples at or below", below,
                                  lambda k: k.startswith("io.rarakoon"))):
        print(f"-- {title}")
        for name, count in [kv for kv in counter.most_common() if keep(kv[0])][:n]:
            print(f"{count * 100 / total:5.1f}% {name}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
