#!/usr/bin/env python3
"""Prints the comparison table of one compare.sh run (a JSON-lines file) and the issue's targets.

A run of several rounds (ROUNDS=N) holds a {"kind": "round"} line before each round's lines. Each
cell is then the median over the rounds, and each ratio the median of the rounds' own ratios: the
systems of one round ran minutes apart, while this machine's speed drifts over a run's length.
"""
import json
import statistics
import sys

WORKLOADS = [("seq", "put", 1, "1 client, sequential 100-byte sets"),
             ("par", "put", 64, "64 clients, 100-byte sets"),
             ("get", "get", 64, "64 clients, consistent gets"),
             ("batch", "batch", 16, "16 clients, 10-update sequences")]
SYSTEMS = ["rarakoon", "etcd", "zookeeper"]


def load(path):
    """Per round: {(label, workload, clients): record} and {"fsync"|"tcp": record}; and the env."""
    rounds, env = [], {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["kind"] == "round" or not rounds:
                rounds.append(({}, {}))
            if r["kind"] == "kv":
                rounds[-1][0][(r["label"], r["workload"], r["clients"])] = r
            elif r["kind"] in ("fsync", "tcp"):
                rounds[-1][1][r["kind"]] = r
            elif r["kind"] == "env":
                env = r
    return [rnd for rnd in rounds if rnd[0] or rnd[1]], env


def ms(us):
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.0f} us"


def completed(runs, system, kind, clients):
    r = runs.get((system, kind, clients))
    return None if r is None or r.get("aborted") else r


def floor_us(floor):
    if "fsync" not in floor or "tcp" not in floor:
        return None
    fs, rtt = floor["fsync"]["p50_us"], floor["tcp"]["p50_us"]
    return rtt + max(fs, rtt + fs)


def median_of(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def per_round(rounds, f):
    """f(runs, floor) for each round, None where that round lacks what f needs."""
    return [f(runs, floor) for runs, floor in rounds]


def rarakoon_over(other, kind, clients, field):
    """A per_round function: rarakoon's field over other's, in one workload."""
    def f(runs, _floor):
        a, b = completed(runs, "rarakoon", kind, clients), completed(runs, other, kind, clients)
        return a[field] / b[field] if a and b else None
    return f


def spread(values, fmt):
    """' (a, b, c)' listing each round's value when there are several rounds."""
    shown = [fmt(v) if v is not None else "-" for v in values]
    return f" ({', '.join(shown)})" if len(values) > 1 else ""


def main(path):
    rounds, env = load(path)
    print(f"Run of {env.get('date', '?')}, load average at start {env.get('load_avg', '?')}; "
          f"{env.get('etcd', '')}; ZooKeeper {env.get('zookeeper', '')}."
          + (f" {len(rounds)} rounds, systems in turn; medians over the rounds." if len(rounds) > 1 else "")
          + "\n")
    print("| workload | " + " | ".join(f"{s} ops/s (p50 / p99)" for s in SYSTEMS)
          + " | ops/s vs etcd | vs ZooKeeper | server CPU per op (r / e / z) |")
    print("|---" * (len(SYSTEMS) + 4) + "|")
    for name, kind, clients, text in WORKLOADS:
        cells, cpu = [], []
        for s in SYSTEMS:
            done = [r for r in (runs.get((s, kind, clients)) for runs, _ in rounds) if r is not None]
            ok = [r for r in done if not r.get("aborted")]
            if not ok:
                cells.append("-" if not done else f"aborted ({done[0]['ok']} ok)")
                cpu.append("-")
                continue
            ops = median_of(r["ops_per_s"] for r in ok)
            p50, p99 = median_of(r["p50_us"] for r in ok), median_of(r["p99_us"] for r in ok)
            cells.append(f"{ops:,.0f} ({ms(p50)} / {ms(p99)})")
            cpu.append(ms(median_of(r.get("server_cpu_us_per_op", 0) for r in ok)))
        ratios = []
        for other in ("etcd", "zookeeper"):
            values = per_round(rounds, rarakoon_over(other, kind, clients, "ops_per_s"))
            m = median_of(values)
            ratios.append("-" if m is None else f"{m:.2f}x" + spread(values, lambda v: f"{v:.2f}"))
        print(f"| {name}: {text} | " + " | ".join(cells) + f" | {ratios[0]} | {ratios[1]} | {' / '.join(cpu)} |")
    floors = [floor_us(floor) for _, floor in rounds]
    if any(f is not None for f in floors):
        with_floor = [floor for _, floor in rounds if floor_us(floor) is not None]
        rtt = median_of(f["tcp"]["p50_us"] for f in with_floor)
        fs = median_of(f["fsync"]["p50_us"] for f in with_floor)
        print(f"\nFloor (p50s{', medians' if len(rounds) > 1 else ''}): client RTT {ms(rtt)} + max(fsync {ms(fs)}, "
              f"peer RTT + fsync {ms(rtt + fs)}) = {ms(rtt + max(fs, rtt + fs))}"
              + spread(floors, ms))
        targets(rounds)


def targets(rounds):
    def check(what, f, fmt, met):
        values = per_round(rounds, f)
        m = median_of(values)
        if m is not None:
            checks.append((what, fmt(m) + spread(values, fmt), "yes" if met(m) else "no"))

    def seq_p50_over(runs, floor):
        r = completed(runs, "rarakoon", "put", 1)
        return r["p50_us"] / floor_us(floor) if r and floor_us(floor) else None

    checks = []
    x = lambda v: f"{v:.2f}x"
    check("64-client set ops/s >= 4x etcd", rarakoon_over("etcd", "put", 64, "ops_per_s"), x, lambda m: m >= 4)
    check("64-client set ops/s >= 4x ZooKeeper", rarakoon_over("zookeeper", "put", 64, "ops_per_s"), x,
          lambda m: m >= 4)
    check("1-client set p50 <= 0.5x etcd's", rarakoon_over("etcd", "put", 1, "p50_us"), x, lambda m: m <= 0.5)
    check("1-client set p50 <= 1.5x floor", seq_p50_over, x, lambda m: m <= 1.5)
    check("64-client get ops/s >= 6x etcd's", rarakoon_over("etcd", "get", 64, "ops_per_s"), x, lambda m: m >= 6)
    check("64-client set p99 / etcd's p99 <= 1", rarakoon_over("etcd", "put", 64, "p99_us"), x, lambda m: m <= 1)
    print("\n| target | measured | met |\n|---|---|---|")
    for what, measured, met in checks:
        print(f"| {what} | {measured} | {met} |")


if __name__ == "__main__":
    main(sys.argv[1])
