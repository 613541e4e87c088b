#!/usr/bin/env python3
"""Prints the comparison table of one compare.sh run (a JSON-lines file) and the issue's targets."""
import json
import sys

WORKLOADS = [("seq", "put", 1, "1 client, sequential 100-byte sets"),
             ("par", "put", 64, "64 clients, 100-byte sets"),
             ("get", "get", 64, "64 clients, consistent gets"),
             ("batch", "batch", 16, "16 clients, 10-update sequences")]
SYSTEMS = ["rarakoon", "etcd", "zookeeper"]


def load(path):
    runs, floor, env = {}, {}, {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["kind"] == "kv":
                runs[(r["label"], r["workload"], r["clients"])] = r
            elif r["kind"] in ("fsync", "tcp"):
                floor[r["kind"]] = r
            elif r["kind"] == "env":
                env = r
    return runs, floor, env


def ms(us):
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.0f} us"


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def main(path):
    runs, floor, env = load(path)
    print(f"Run of {env.get('date', '?')}, load average at start {env.get('load_avg', '?')}; "
          f"{env.get('etcd', '')}; ZooKeeper {env.get('zookeeper', '')}.\n")
    print("| workload | " + " | ".join(f"{s} ops/s (p50 / p99)" for s in SYSTEMS)
          + " | ops/s vs etcd | vs ZooKeeper | server CPU per op (r / e / z) |")
    print("|---" * (len(SYSTEMS) + 4) + "|")
    for name, kind, clients, text in WORKLOADS:
        cells, rates, cpu = [], {}, []
        for s in SYSTEMS:
            r = runs.get((s, kind, clients))
            if r is None or r.get("aborted"):
                cells.append("-" if r is None else f"aborted ({r['ok']} ok)")
                cpu.append("-")
                continue
            rates[s] = r["ops_per_s"]
            cells.append(f"{r['ops_per_s']:,.0f} ({ms(r['p50_us'])} / {ms(r['p99_us'])})")
            cpu.append(ms(r.get("server_cpu_us_per_op", 0)))
        print(f"| {name}: {text} | " + " | ".join(cells)
              + f" | {ratio(rates.get('rarakoon'), rates.get('etcd'))}"
              + f" | {ratio(rates.get('rarakoon'), rates.get('zookeeper'))} | {' / '.join(cpu)} |")
    if "fsync" in floor and "tcp" in floor:
        fs, rtt = floor["fsync"]["p50_us"], floor["tcp"]["p50_us"]
        fl = rtt + max(fs, rtt + fs)
        print(f"\nFloor (p50s): client RTT {ms(rtt)} + max(fsync {ms(fs)}, peer RTT + fsync "
              f"{ms(rtt + fs)}) = {ms(fl)}")
        targets(runs, fl)


def targets(runs, floor_us):
    def get(system, kind, clients):
        r = runs.get((system, kind, clients))
        return None if r is None or r.get("aborted") else r

    r_par, e_par, z_par = get("rarakoon", "put", 64), get("etcd", "put", 64), get("zookeeper", "put", 64)
    r_seq, e_seq = get("rarakoon", "put", 1), get("etcd", "put", 1)
    r_get, e_get = get("rarakoon", "get", 64), get("etcd", "get", 64)
    checks = []
    if r_par and e_par and z_par:
        checks.append(("64-client set ops/s >= 4x etcd and >= 4x ZooKeeper",
                       f"{r_par['ops_per_s'] / e_par['ops_per_s']:.2f}x, "
                       f"{r_par['ops_per_s'] / z_par['ops_per_s']:.2f}x",
                       r_par["ops_per_s"] >= 4 * max(e_par["ops_per_s"], z_par["ops_per_s"])))
    if r_seq and e_seq:
        checks.append(("1-client set p50 <= 0.5x etcd's",
                       f"{r_seq['p50_us'] / e_seq['p50_us']:.2f}x",
                       r_seq["p50_us"] <= 0.5 * e_seq["p50_us"]))
        checks.append(("1-client set p50 <= 1.5x floor",
                       f"{r_seq['p50_us'] / floor_us:.2f}x", r_seq["p50_us"] <= 1.5 * floor_us))
    if r_get and e_get:
        checks.append(("64-client get ops/s >= 6x etcd's",
                       f"{r_get['ops_per_s'] / e_get['ops_per_s']:.2f}x",
                       r_get["ops_per_s"] >= 6 * e_get["ops_per_s"]))
    if r_par and e_par:
        checks.append(("64-client set p99 <= etcd's",
                       f"{ms(r_par['p99_us'])} vs {ms(e_par['p99_us'])}",
                       r_par["p99_us"] <= e_par["p99_us"]))
    print("\n| target | measured | met |\n|---|---|---|")
    for what, measured, met in checks:
        print(f"| {what} | {measured} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main(sys.argv[1])
